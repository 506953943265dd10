#!/usr/bin/env bash
# Refreshes the console guide's screenshots (docs/guide/en/*.png and docs/guide/fr/*.png) from a working console in
# headless Chromium: the same browser test that checks them in ./test.sh, writing into docs/guide instead of its output
# folder. Run it after a change to a page, then look at `git diff --stat docs/guide` and commit the images.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the screenshots" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi
fi

TELEPHONY_GUIDE_SCREENSHOTS=docs/guide dotnet test Telephony.Tests \
  --filter "FullyQualifiedName~GuideScreenshotTests.Every_page_of_the_guide_is_shot_in_its_language"
ls -l docs/guide/en docs/guide/fr
