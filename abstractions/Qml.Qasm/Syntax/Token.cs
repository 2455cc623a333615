namespace Qml.Qasm.Syntax;

internal enum TokenKind : byte
{
    End,
    Identifier,
    Integer,
    Real,
    String,

    /// <summary>OpenQASM 3 physical qubit <c>$n</c>.</summary>
    HardwareQubit,
    Semicolon,
    Comma,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Arrow,
    At,
    Colon,
    Assign,
    EqualEqual,
    Plus,
    Minus,
    Star,
    StarStar,
    Slash,
    Caret,

    /// <summary>Any other operator character: only meaningful in constructs we reject.</summary>
    Other,
}

/// <summary>A token as a slice of the source: no string is made until a name is needed.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, int Line, int Column)
{
    public static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.End => "end of file",
        TokenKind.Identifier => "an identifier",
        TokenKind.Integer => "an integer",
        TokenKind.Real => "a number",
        TokenKind.String => "a string",
        TokenKind.HardwareQubit => "a physical qubit",
        TokenKind.Semicolon => "';'",
        TokenKind.Comma => "','",
        TokenKind.LeftParen => "'('",
        TokenKind.RightParen => "')'",
        TokenKind.LeftBracket => "'['",
        TokenKind.RightBracket => "']'",
        TokenKind.LeftBrace => "'{'",
        TokenKind.RightBrace => "'}'",
        TokenKind.Arrow => "'->'",
        TokenKind.At => "'@'",
        TokenKind.Colon => "':'",
        TokenKind.Assign => "'='",
        TokenKind.EqualEqual => "'=='",
        TokenKind.Plus => "'+'",
        TokenKind.Minus => "'-'",
        TokenKind.Star => "'*'",
        TokenKind.StarStar => "'**'",
        TokenKind.Slash => "'/'",
        TokenKind.Caret => "'^'",
        _ => "an operator",
    };
}
