namespace Qml.Qasm.Syntax;

/// <summary>
/// Hand-written lexer over the source string: one pass, no regular expressions, no per-token
/// allocation (tokens are slices). Comments and whitespace are skipped; positions are 1-based.
/// </summary>
internal sealed class Lexer(string text, string file)
{
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public string Text { get; } = text;

    public string File { get; } = file;

    public ReadOnlySpan<char> Slice(Token token) => Text.AsSpan(token.Start, token.Length);

    public SourceLocation Location(Token token) => new(File, token.Line, token.Column);

    public Token Next()
    {
        SkipTrivia();
        var text = Text;
        var start = _position;
        var line = _line;
        var column = start - _lineStart + 1;
        if (start >= text.Length)
        {
            return new Token(TokenKind.End, start, 0, line, column);
        }

        var c = text[start];
        if (IsIdentifierStart(c))
        {
            var end = start + 1;
            while (end < text.Length && IsIdentifierPart(text[end]))
            {
                end++;
            }

            _position = end;
            return new Token(TokenKind.Identifier, start, end - start, line, column);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && start + 1 < text.Length && char.IsAsciiDigit(text[start + 1])))
        {
            return Number(start, line, column);
        }

        TokenKind kind;
        var length = 1;
        var next = start + 1 < text.Length ? text[start + 1] : '\0';
        switch (c)
        {
            case ';': kind = TokenKind.Semicolon; break;
            case ',': kind = TokenKind.Comma; break;
            case '(': kind = TokenKind.LeftParen; break;
            case ')': kind = TokenKind.RightParen; break;
            case '[': kind = TokenKind.LeftBracket; break;
            case ']': kind = TokenKind.RightBracket; break;
            case '{': kind = TokenKind.LeftBrace; break;
            case '}': kind = TokenKind.RightBrace; break;
            case '@': kind = TokenKind.At; break;
            case ':': kind = TokenKind.Colon; break;
            case '+': kind = TokenKind.Plus; break;
            case '/': kind = TokenKind.Slash; break;
            case '^': kind = TokenKind.Caret; break;
            case '-':
                (kind, length) = next == '>' ? (TokenKind.Arrow, 2) : (TokenKind.Minus, 1);
                break;
            case '*':
                (kind, length) = next == '*' ? (TokenKind.StarStar, 2) : (TokenKind.Star, 1);
                break;
            case '=':
                (kind, length) = next == '=' ? (TokenKind.EqualEqual, 2) : (TokenKind.Assign, 1);
                break;
            case '"':
            case '\'':
                return StringLiteral(start, line, column, c);
            case '$':
                {
                    var end = start + 1;
                    while (end < text.Length && char.IsAsciiDigit(text[end]))
                    {
                        end++;
                    }

                    if (end == start + 1)
                    {
                        throw new QasmException(File, line, column, "expected digits after '$' (a physical qubit like $0)");
                    }

                    _position = end;
                    return new Token(TokenKind.HardwareQubit, start, end - start, line, column);
                }

            case '<' or '>' or '!' or '&' or '|' or '%' or '~' or '#' or '.':
                kind = TokenKind.Other;
                break;
            default:
                throw new QasmException(File, line, column, $"unexpected character {Printable(c)}");
        }

        _position = start + length;
        return new Token(kind, start, length, line, column);
    }

    private static string Printable(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private static bool IsIdentifierStart(char c) =>
        char.IsAsciiLetter(c) || c == '_' || (c > 127 && char.IsLetter(c));

    private static bool IsIdentifierPart(char c) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || (c > 127 && char.IsLetterOrDigit(c));

    private Token Number(int start, int line, int column)
    {
        var text = Text;
        var end = start;
        var real = false;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (end < text.Length && text[end] == '.')
        {
            real = true;
            end++;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
        }

        if (end < text.Length && (text[end] == 'e' || text[end] == 'E'))
        {
            var exponent = end + 1;
            if (exponent < text.Length && (text[exponent] == '+' || text[exponent] == '-'))
            {
                exponent++;
            }

            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                real = true;
                end = exponent;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }
            }
        }

        if (end < text.Length && IsIdentifierStart(text[end]))
        {
            throw new QasmException(File, line, column, $"malformed number '{text.AsSpan(start, Math.Min(end + 1, text.Length) - start)}'");
        }

        _position = end;
        return new Token(real ? TokenKind.Real : TokenKind.Integer, start, end - start, line, column);
    }

    private Token StringLiteral(int start, int line, int column, char quote)
    {
        var text = Text;
        var end = start + 1;
        while (end < text.Length && text[end] != quote)
        {
            if (text[end] == '\n')
            {
                throw new QasmException(File, line, column, "unterminated string: expected a closing quote on the same line");
            }

            end++;
        }

        if (end >= text.Length)
        {
            throw new QasmException(File, line, column, "unterminated string: expected a closing quote on the same line");
        }

        _position = end + 1;
        return new Token(TokenKind.String, start, end + 1 - start, line, column);
    }

    private void SkipTrivia()
    {
        var text = Text;
        var i = _position;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                i++;
                _line++;
                _lineStart = i;
            }
            else if (c is ' ' or '\t' or '\r' or '\f' or '\v' || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i += 2;
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var line = _line;
                var column = i - _lineStart + 1;
                i += 2;
                while (true)
                {
                    if (i + 1 >= text.Length)
                    {
                        throw new QasmException(File, line, column, "unterminated comment: expected '*/'");
                    }

                    if (text[i] == '*' && text[i + 1] == '/')
                    {
                        i += 2;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        _line++;
                        _lineStart = i + 1;
                    }

                    i++;
                }
            }
            else
            {
                break;
            }
        }

        _position = i;
    }
}
