// Whole calls, open loop, from a second load generator that shares no code with the app or the .NET benchmark: Node.js
// with its own HTTP client, its own Twilio signatures and its own reading of the app's TwiML.
//
// A new call starts every 1/rate s whatever the app's speed (as Twilio places them). Each call follows the TwiML the app
// answers, as Twilio would: the front door; the menu's <Gather action> with key 1; the transfer's <Dial>, whose dialled
// leg reports initiated, ringing, in-progress and completed to the status route; the recording callback when the <Dial>
// records; the <Dial action> with the leg answered; and the parent's completed status.
//
//   node whole-calls.mjs <baseUrl> <authToken> <accountSid> <callsPerSecond> <seconds> <firstCaller> <mediaBaseUrl>
//
// Prints one JSON line: calls offered and completed, webhooks sent, webhook latency percentiles (ms), how long after its
// start the last call ended, failures, and this process's CPU time.
import crypto from 'node:crypto';
import http from 'node:http';

const [baseUrl, authToken, accountSid, rateArg, secondsArg, firstCallerArg, mediaBaseUrl] = process.argv.slice(2);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const firstCaller = Number(firstCallerArg);
const base = new URL(baseUrl);
const called = '+15005550001';
const statusPath = '/twilio/voice/status';

// Twilio holds connections open to a busy app; so does this generator (up to 1,000 at once).
const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });

const latencies = [];
let webhooks = 0;
let completed = 0;
let failed = 0;
let firstFailure = null;

function sign(url, form) {
  // Twilio's signature: HMAC-SHA1 over the full URL followed by each POST parameter, sorted by name, name then value.
  const data = url + [...form].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, v]) => k + v).join('');
  return crypto.createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

// A target as TwiML gives it (absolute, or relative to the document that named it) to an absolute URL.
function post(target, form, documentUrl = base) {
  const url = new URL(target, documentUrl).toString();
  const body = new URLSearchParams(form).toString();
  const signature = sign(url, form);
  const started = process.hrtime.bigint();
  webhooks++;
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'X-Twilio-Signature': signature,
      },
    }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode !== 200) {
          reject(new Error(`HTTP ${response.statusCode} on ${new URL(url).pathname}`));
        } else {
          resolve({ url, text });
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function attribute(tag, name) {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]) : null;
}

// The verbs of a TwiML document in order (nested nouns such as <Number> are read from their <Dial>).
function verbs(twiml) {
  if (!/<Response[\s>/]/.test(twiml)) {
    throw new Error('answer is not TwiML: ' + twiml.slice(0, 80));
  }

  const found = [];
  const pattern = /<(Gather|Redirect|Dial|Record|Hangup|Reject)\b([^>]*?)(\/>|>)/g;
  for (let m; (m = pattern.exec(twiml));) {
    const verb = { name: m[1], tag: m[0] };
    if (m[1] === 'Redirect' && m[3] === '>') {
      verb.body = unescape(twiml.slice(pattern.lastIndex, twiml.indexOf('</Redirect>', pattern.lastIndex)).trim());
    }
    if (m[1] === 'Dial' && m[3] === '>') {
      const inner = twiml.slice(pattern.lastIndex, twiml.indexOf('</Dial>', pattern.lastIndex));
      const number = /<Number[^>]*>([^<]*)<\/Number>/.exec(inner);
      verb.number = unescape((number ? number[1] : inner.replace(/<[^>]*>/g, '')).trim());
    }
    found.push(verb);
  }

  return found;
}

const sid = (prefix) => prefix + crypto.randomBytes(16).toString('hex');

async function playCall(n) {
  const callSid = sid('CA');
  const from = '+1438' + String(n % 10_000_000).padStart(7, '0');
  const sequences = new Map();
  const callForm = (status) => [
    ['AccountSid', accountSid], ['ApiVersion', '2010-04-01'], ['CallSid', callSid], ['CallStatus', status],
    ['Called', called], ['Caller', from], ['Direction', 'inbound'], ['From', from], ['To', called],
  ];
  const statusForm = (legSid, status, duration, extra) => {
    const sequence = (sequences.get(legSid) ?? -1) + 1;
    sequences.set(legSid, sequence);
    return [...extra, ['CallSid', legSid], ['CallStatus', status], ['CallDuration', String(duration)],
      ['CallbackSource', 'call-progress-events'], ['SequenceNumber', String(sequence)], ['Timestamp', new Date().toUTCString()]];
  };

  let document = await post('/twilio/voice/frontdoor', callForm('ringing'));
  let reachedDialComplete = false;
  for (let steps = 0; document !== null && steps < 10; steps++) {
    let next = null;
    for (const verb of verbs(document.text)) {
      if (verb.name === 'Gather') {
        next = [attribute(verb.tag, 'action'), [...callForm('in-progress'), ['Digits', '1']]];
      } else if (verb.name === 'Redirect') {
        next = [verb.body, callForm('in-progress')];
      } else if (verb.name === 'Dial') {
        const legSid = sid('CA');
        const leg = [['AccountSid', accountSid], ['ApiVersion', '2010-04-01'], ['ParentCallSid', callSid], ['Direction', 'outbound-dial'],
          ['From', called], ['To', verb.number], ['Called', verb.number], ['Caller', called]];
        for (const status of ['initiated', 'ringing', 'in-progress']) {
          await post(statusPath, statusForm(legSid, status, 0, leg));
        }
        await post(statusPath, statusForm(legSid, 'completed', 30, leg));
        const recordingCallback = attribute(verb.tag, 'recordingStatusCallback');
        if (recordingCallback && (attribute(verb.tag, 'record') ?? '').startsWith('record-from')) {
          const recordingSid = sid('RE');
          await post(recordingCallback, [['AccountSid', accountSid], ['CallSid', callSid], ['RecordingSid', recordingSid],
            ['RecordingUrl', `${mediaBaseUrl}/Recordings/${recordingSid}`], ['RecordingStatus', 'completed'],
            ['RecordingDuration', '30'], ['RecordingChannels', '2'], ['RecordingSource', 'DialVerb']]);
        }
        const action = attribute(verb.tag, 'action');
        if (action) {
          reachedDialComplete = true;
          next = [action, [...callForm('in-progress'), ['DialCallStatus', 'completed'], ['DialCallSid', legSid], ['DialCallDuration', '30']]];
        }
      } else if (verb.name === 'Hangup' || verb.name === 'Reject' || verb.name === 'Record') {
        break;
      }
      if (next) {
        break;
      }
    }
    document = next ? await post(next[0], next[1], document.url) : null;
  }

  await post(statusPath, statusForm(callSid, 'completed', 45, [['AccountSid', accountSid], ['ApiVersion', '2010-04-01'],
    ['Called', called], ['Caller', from], ['Direction', 'inbound'], ['From', from], ['To', called]]));
  if (!reachedDialComplete) {
    throw new Error('the call never reached the transfer\'s dial-complete');
  }
}

const offered = Math.round(rate * seconds);
const cpuStart = process.cpuUsage();
const started = process.hrtime.bigint();
const calls = [];
let lastStart = started;
await new Promise((resolve) => {
  let next = 0;
  const tick = () => {
    const due = Math.min(offered, Math.floor((Number(process.hrtime.bigint() - started) / 1e9) * rate) + 1);
    for (; next < due; next++) {
      lastStart = process.hrtime.bigint();
      calls.push(playCall(firstCaller + next).then(() => { completed++; }, (error) => {
        failed++;
        firstFailure ??= error.message;
      }));
    }
    if (next < offered) {
      setTimeout(tick, 1);
    } else {
      resolve();
    }
  };
  tick();
});
await Promise.all(calls);
const ended = process.hrtime.bigint();
const cpu = process.cpuUsage(cpuStart);
agent.destroy();

latencies.sort((a, b) => a - b);
const percentile = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] : NaN);
console.log(JSON.stringify({
  offered,
  completed,
  failed,
  firstFailure,
  webhooks,
  elapsedSeconds: Number(ended - started) / 1e9,
  tailMs: Number(ended - lastStart) / 1e6,
  p50: percentile(50),
  p90: percentile(90),
  p99: percentile(99),
  max: latencies.length ? latencies[latencies.length - 1] : NaN,
  cpuMs: (cpu.user + cpu.system) / 1000,
}));
