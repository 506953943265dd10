using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Telephony.Tests.Telemetry;

/// <summary>
/// Just enough protobuf to read an OTLP <c>ExportTraceServiceRequest</c>: resource_spans(1) → scope_spans(2) → spans(2);
/// a span's trace_id(1), span_id(2), parent_span_id(4), name(5), attributes(9) as KeyValue(key 1, AnyValue 2).
/// </summary>
internal static class OtlpTraceDecoder
{
    public static List<OtlpSpan> Decode(ReadOnlyMemory<byte> request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Messages(request, 1))
        {
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                foreach (var span in Messages(scopeSpans, 2))
                {
                    spans.Add(DecodeSpan(span));
                }
            }
        }

        return spans;
    }

    private static OtlpSpan DecodeSpan(ReadOnlyMemory<byte> span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields(span))
        {
            switch (field.Number)
            {
                case 1: traceId = Convert.ToHexStringLower(field.Bytes.Span); break;
                case 2: spanId = Convert.ToHexStringLower(field.Bytes.Span); break;
                case 4: parent = Convert.ToHexStringLower(field.Bytes.Span); break;
                case 5: name = Encoding.UTF8.GetString(field.Bytes.Span); break;
                case 9:
                    var (key, value) = DecodeAttribute(field.Bytes);
                    attributes[key] = value;
                    break;
            }
        }

        return new OtlpSpan(traceId, spanId, parent, name, attributes);
    }

    private static (string Key, string Value) DecodeAttribute(ReadOnlyMemory<byte> keyValue)
    {
        string key = "", value = "";
        foreach (var field in Fields(keyValue))
        {
            if (field.Number == 1)
            {
                key = Encoding.UTF8.GetString(field.Bytes.Span);
            }
            else if (field.Number == 2)
            {
                value = DecodeAnyValue(field.Bytes);
            }
        }

        return (key, value);
    }

    private static string DecodeAnyValue(ReadOnlyMemory<byte> anyValue)
    {
        foreach (var field in Fields(anyValue))
        {
            return field.Number switch
            {
                1 => Encoding.UTF8.GetString(field.Bytes.Span),
                2 => field.Varint != 0 ? "true" : "false",
                3 => ((long)field.Varint).ToString(CultureInfo.InvariantCulture),
                4 => BitConverter.Int64BitsToDouble((long)field.Varint).ToString(CultureInfo.InvariantCulture),
                _ => Convert.ToHexStringLower(field.Bytes.Span),
            };
        }

        return "";
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).Where(f => f.Number == number).Select(f => f.Bytes);

    /// <summary>The fields of one message: varint and fixed values in <c>Varint</c>, length-delimited ones in <c>Bytes</c>.</summary>
    private static List<(int Number, ulong Varint, ReadOnlyMemory<byte> Bytes)> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<(int, ulong, ReadOnlyMemory<byte>)>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message.Span, ref position);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    fields.Add((number, ReadVarint(message.Span, ref position), ReadOnlyMemory<byte>.Empty));
                    break;
                case 1:
                    fields.Add((number, BinaryPrimitives.ReadUInt64LittleEndian(message.Span[position..]), ReadOnlyMemory<byte>.Empty));
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message.Span, ref position);
                    fields.Add((number, 0, message.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    fields.Add((number, BinaryPrimitives.ReadUInt32LittleEndian(message.Span[position..]), ReadOnlyMemory<byte>.Empty));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type in tag {tag}.");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
