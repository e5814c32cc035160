//! A tokenizer for a small arithmetic expression language used in
//! spreadsheet-style formulas, e.g. `=round(price * 1.2, 2) >= 10`.
//!
//! The tokenizer turns a string into a vector of [`Token`]s, each tagged with
//! the byte offset where it starts so that error messages can point at the
//! right column. It does not evaluate anything; that is the parser's job.

use std::fmt;

/// Kinds of tokens produced by the tokenizer.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    Number(f64),
    Ident(String),
    Str(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    Comma,
    Eq,    // =
    NotEq, // <>
    Lt,    // <
    LtEq,  // <=
    Gt,    // >
    GtEq,  // >=
}

/// A token together with its starting byte offset in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub offset: usize,
}

/// An error with the byte offset of the offending character.
#[derive(Debug, PartialEq)]
pub struct LexError {
    pub message: String,
    pub offset: usize,
}

impl fmt::Display for LexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at offset {}", self.message, self.offset)
    }
}

impl std::error::Error for LexError {}

/// Tokenize `src`. A single leading `=` (as typed in a spreadsheet cell)
/// is skipped; any later `=` is treated as the equality operator.
pub fn tokenize(src: &str) -> Result<Vec<Token>, LexError> {
    let mut tokens = Vec::new();
    let mut chars = src.char_indices().peekable();

    // Skip leading whitespace and one optional formula marker.
    while let Some(&(_, c)) = chars.peek() {
        if c.is_whitespace() { chars.next(); } else { break; }
    }
    if let Some(&(_, '=')) = chars.peek() {
        chars.next();
    }

    while let Some(&(start, c)) = chars.peek() {
        // Single-character tokens are handled first.
        let simple = match c {
            '+' => Some(TokenKind::Plus),
            '-' => Some(TokenKind::Minus),
            '*' => Some(TokenKind::Star),
            '/' => Some(TokenKind::Slash),
            '^' => Some(TokenKind::Caret),
            '(' => Some(TokenKind::LParen),
            ')' => Some(TokenKind::RParen),
            ',' => Some(TokenKind::Comma),
            '=' => Some(TokenKind::Eq),
            _ => None,
        };
        if let Some(kind) = simple {
            chars.next();
            tokens.push(Token { kind, offset: start });
            continue;
        }

        if c.is_whitespace() {
            chars.next();
        } else if c == '<' || c == '>' {
            chars.next();
            let next = chars.peek().map(|&(_, n)| n);
            let kind = match (c, next) {
                ('<', Some('=')) => { chars.next(); TokenKind::LtEq }
                ('<', Some('>')) => { chars.next(); TokenKind::NotEq }
                ('>', Some('=')) => { chars.next(); TokenKind::GtEq }
                ('<', _) => TokenKind::Lt,
                _ => TokenKind::Gt,
            };
            tokens.push(Token { kind, offset: start });
        } else if c.is_ascii_digit() || c == '.' {
            // Numbers: digits with at most one decimal point, e.g. 42, 3.14, .5
            let mut end = start;
            let mut seen_dot = false;
            while let Some(&(i, d)) = chars.peek() {
                if d.is_ascii_digit() || (d == '.' && !seen_dot) {
                    seen_dot |= d == '.';
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let text = &src[start..end];
            let value: f64 = text.parse().map_err(|_| LexError {
                message: format!("invalid number '{}'", text),
                offset: start,
            })?;
            tokens.push(Token { kind: TokenKind::Number(value), offset: start });
        } else if c.is_alphabetic() || c == '_' {
            // Identifiers: function or cell names such as `round`, `A1`, `unit_price`.
            let mut ident = String::new();
            while let Some(&(_, d)) = chars.peek() {
                if d.is_alphanumeric() || d == '_' {
                    ident.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token { kind: TokenKind::Ident(ident.to_lowercase()), offset: start });
        } else if c == '"' {
            // Strings use double quotes; a doubled quote ("") is an escaped quote.
            chars.next();
            let mut text = String::new();
            loop {
                match chars.next() {
                    Some((_, '"')) => {
                        if let Some(&(_, '"')) = chars.peek() {
                            chars.next();
                            text.push('"');
                        } else {
                            break;
                        }
                    }
                    Some((_, ch)) => text.push(ch),
                    None => {
                        return Err(LexError { message: "unterminated string".into(), offset: start });
                    }
                }
            }
            tokens.push(Token { kind: TokenKind::Str(text), offset: start });
        } else {
            return Err(LexError { message: format!("unexpected character '{}'", c), offset: start });
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn kinds(src: &str) -> Vec<TokenKind> {
        tokenize(src).unwrap().into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn formula_with_function_and_comparison() {
        assert_eq!(
            kinds("=ROUND(price * 1.2, 2) >= 10"),
            vec![Ident("round".into()), LParen, Ident("price".into()), Star, Number(1.2),
                 Comma, Number(2.0), RParen, GtEq, Number(10.0)]
        );
    }

    #[test]
    fn strings_and_not_equal() {
        assert_eq!(kinds(r#"name <> "say ""hi""""#), vec![Ident("name".into()), NotEq, Str("say \"hi\"".into())]);
    }

    #[test]
    fn reports_offsets() {
        let err = tokenize("1 + $").unwrap_err();
        assert_eq!(err.offset, 4);
        assert!(tokenize("\"open").is_err());
    }
}
