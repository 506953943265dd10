using Telephony.Core.Twilio;

namespace Telephony.Tests.Core.Twilio;

public class TwilioSignatureValidatorTests
{
    private static readonly TwilioSignatureValidator Validator = new(SignatureVectors.AuthToken);

    [Theory]
    [MemberData(nameof(SignatureVectors.FormNames), MemberType = typeof(SignatureVectors))]
    public void Form_vector_verifies_against_the_signed_url(string name)
    {
        var v = SignatureVectors.Named(name);
        Assert.True(Validator.Validate(v.SignedUrl, v.Params, v.Signature));
    }

    [Theory]
    [MemberData(nameof(SignatureVectors.FormNames), MemberType = typeof(SignatureVectors))]
    public void Form_vector_signature_is_reproduced_exactly(string name)
    {
        var v = SignatureVectors.Named(name);
        Assert.Equal(v.Signature, Validator.ComputeSignature(v.SignedUrl, v.Params));
    }

    [Theory]
    [MemberData(nameof(SignatureVectors.AllNames), MemberType = typeof(SignatureVectors))]
    public void Vector_verifies_when_the_default_port_is_added_or_removed(string name)
    {
        var v = SignatureVectors.Named(name);
        var other = ToggleDefaultPort(v.SignedUrl);
        if (other is null)
        {
            // A non-default port (":1234") has no second spelling; the signed URL must still verify.
            Assert.True(v.Body is null ? Validator.Validate(v.SignedUrl, v.Params, v.Signature) : Validator.ValidateJsonBody(v.SignedUrl, v.Body, v.Signature));
            return;
        }

        Assert.True(v.Body is null
            ? Validator.Validate(other, v.Params, v.Signature)
            : Validator.ValidateJsonBody(other, v.Body, v.Signature));
    }

    [Theory]
    [MemberData(nameof(SignatureVectors.JsonNames), MemberType = typeof(SignatureVectors))]
    public void Json_vector_verifies_url_and_body_hash(string name)
    {
        var v = SignatureVectors.Named(name);
        Assert.True(Validator.ValidateJsonBody(v.SignedUrl, v.Body!, v.Signature));
    }

    [Theory]
    [MemberData(nameof(SignatureVectors.JsonNames), MemberType = typeof(SignatureVectors))]
    public void Json_vector_fails_when_the_body_was_changed(string name)
    {
        var v = SignatureVectors.Named(name);
        Assert.False(Validator.ValidateJsonBody(v.SignedUrl, v.Body! + " ", v.Signature));
    }

    [Fact]
    public void Repeated_keys_drop_duplicate_values_and_sort_the_rest()
    {
        var v = SignatureVectors.Named("repeated keys");
        var reordered = v.Params.Reverse().ToList();
        Assert.True(Validator.Validate(v.SignedUrl, reordered, v.Signature));
        Assert.Equal(
            ["Digits=1234", "Digits=5678", "Sid=CA123", "SidAccount=AC123"],
            TwilioSignatureValidator.Canonicalise(v.Params).Select(p => p.Key + "=" + p.Value));
    }

    [Fact]
    public void Host_case_is_part_of_the_signature()
    {
        var v = SignatureVectors.Named("host case kept");
        Assert.False(Validator.Validate(v.SignedUrl.Replace("MyCompany", "mycompany", StringComparison.Ordinal), v.Params, v.Signature));
    }

    [Fact]
    public void Wrong_auth_token_is_rejected()
    {
        var v = SignatureVectors.Named("form");
        Assert.False(new TwilioSignatureValidator("54321").Validate(v.SignedUrl, v.Params, v.Signature));
    }

    [Fact]
    public void Tampered_parameter_is_rejected()
    {
        var v = SignatureVectors.Named("form");
        var tampered = v.Params.Select(p => p.Key == "Digits" ? KeyValuePair.Create("Digits", "9") : p).ToList();
        Assert.False(Validator.Validate(v.SignedUrl, tampered, v.Signature));
    }

    [Fact]
    public void Added_parameter_is_rejected()
    {
        var v = SignatureVectors.Named("form");
        Assert.False(Validator.Validate(v.SignedUrl, [.. v.Params, KeyValuePair.Create("Extra", "1")], v.Signature));
    }

    [Fact]
    public void Different_url_is_rejected()
    {
        var v = SignatureVectors.Named("form");
        Assert.False(Validator.Validate("https://mycompany.com/myapp.php?foo=1&bar=3", v.Params, v.Signature));
        Assert.False(Validator.Validate("http://mycompany.com/myapp.php?foo=1&bar=2", v.Params, v.Signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all")]
    public void Missing_or_garbage_signature_is_rejected(string? signature)
    {
        var v = SignatureVectors.Named("form");
        Assert.False(Validator.Validate(v.SignedUrl, v.Params, signature));
    }

    [Fact]
    public void Json_body_without_bodySHA256_in_the_url_is_rejected()
    {
        var v = SignatureVectors.Named("form");
        Assert.False(Validator.ValidateJsonBody(v.SignedUrl, "{}", Validator.ComputeSignature(v.SignedUrl, null)));
    }

    private static string? ToggleDefaultPort(string url) => url switch
    {
        _ when url.StartsWith("https://mycompany.com:443/", StringComparison.Ordinal) => url.Replace(":443", string.Empty, StringComparison.Ordinal),
        _ when url.StartsWith("http://mycompany.com:80/", StringComparison.Ordinal) => url.Replace(":80", string.Empty, StringComparison.Ordinal),
        _ when url.StartsWith("https://", StringComparison.Ordinal) && !url[8..].Split('/')[0].Contains(':', StringComparison.Ordinal) =>
            url.Insert(url.IndexOf('/', 8), ":443"),
        _ => null,
    };
}
