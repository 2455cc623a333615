using System.Text;
using Qml.Abstractions;

namespace Qml.Learning.Data.Loaders;

/// <summary>
/// Splits one CSV line into fields: RFC 4180 quoting within the line (<c>"a,b"</c>, <c>""</c>
/// for a quote); a quoted field may not span lines, which numeric data never needs.
/// </summary>
internal static class CsvLine
{
    public static string[] Split(string line, char delimiter, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (ch == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                quoted = true;
            }
            else if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        if (quoted)
        {
            throw new QmlException($"CSV file {source} line {lineNumber} has an unterminated quoted field; expected a closing '\"' on the same line.");
        }

        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
