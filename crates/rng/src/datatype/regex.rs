//! XML Schema regular expressions (XSD 1.0, Appendix F) translated into the
//! `regex` crate's syntax. XSD patterns are implicitly anchored, `^` and `$`
//! are ordinary characters, `.` excludes CR and LF, and `\i`, `\c`, `\w`,
//! character-class subtraction and `\p{Is…}` blocks have no direct equivalent.

/// Translates an XSD pattern into an anchored `regex` pattern.
pub(crate) fn translate(xsd: &str) -> Result<String, String> {
    let mut p = Parser {
        chars: xsd.chars().collect(),
        pos: 0,
        out: String::new(),
    };
    p.out.push_str("^(?:");
    p.regex()?;
    if p.pos < p.chars.len() {
        return Err(format!("unexpected `{}` in pattern", p.chars[p.pos]));
    }
    p.out.push_str(")$");
    Ok(p.out)
}

/// Compiles an XSD pattern.
pub(crate) fn compile(xsd: &str) -> Result<::regex::Regex, String> {
    let translated = translate(xsd)?;
    ::regex::Regex::new(&translated).map_err(|e| format!("pattern `{xsd}`: {e}"))
}

const NAME_START: &str = ":A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}\\u{200C}-\\u{200D}\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}";
const NAME_EXTRA: &str = "\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}";

struct Parser {
    chars: Vec<char>,
    pos: usize,
    out: String,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Result<char, String> {
        let c = self.peek().ok_or("pattern ends too early")?;
        self.pos += 1;
        Ok(c)
    }

    fn regex(&mut self) -> Result<(), String> {
        self.branch()?;
        while self.peek() == Some('|') {
            self.pos += 1;
            self.out.push('|');
            self.branch()?;
        }
        Ok(())
    }

    fn branch(&mut self) -> Result<(), String> {
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.piece()?;
        }
        Ok(())
    }

    fn piece(&mut self) -> Result<(), String> {
        self.atom()?;
        match self.peek() {
            Some(c @ ('?' | '*' | '+')) => {
                self.pos += 1;
                self.out.push(c);
            }
            Some('{') => {
                self.pos += 1;
                let mut q = String::from("{");
                loop {
                    let c = self.next()?;
                    match c {
                        '0'..='9' | ',' => q.push(c),
                        '}' => {
                            q.push('}');
                            break;
                        }
                        _ => return Err(format!("bad quantifier character `{c}`")),
                    }
                }
                let inner = &q[1..q.len() - 1];
                let mut parts = inner.splitn(2, ',');
                let min = parts.next().unwrap_or("");
                if min.is_empty() {
                    return Err("quantifier without a minimum".into());
                }
                if let Some(max) = parts.next()
                    && !max.is_empty()
                    && max.parse::<u64>().ok() < min.parse::<u64>().ok()
                {
                    return Err("quantifier maximum below its minimum".into());
                }
                self.out.push_str(&q);
            }
            _ => {}
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), String> {
        let c = self.next()?;
        match c {
            '(' => {
                self.out.push_str("(?:");
                self.regex()?;
                if self.next()? != ')' {
                    return Err("unclosed group".into());
                }
                self.out.push(')');
            }
            '[' => {
                let class = self.class_body()?;
                self.out.push_str(&class);
            }
            '\\' => {
                let e = self.escape()?;
                self.out.push_str(&e);
            }
            '.' => self.out.push_str("[^\\n\\r]"),
            '?' | '*' | '+' | '{' | '}' | ')' | ']' => {
                return Err(format!("`{c}` must be escaped"));
            }
            _ => push_literal(&mut self.out, c),
        }
        Ok(())
    }

    /// An escape after `\`, as a regex fragment usable in and out of classes.
    fn escape(&mut self) -> Result<String, String> {
        let c = self.next()?;
        Ok(match c {
            'n' => "\\n".into(),
            'r' => "\\r".into(),
            't' => "\\t".into(),
            '\\' | '|' | '.' | '-' | '^' | '?' | '*' | '+' | '{' | '}' | '(' | ')' | '[' | ']' => {
                let mut s = String::new();
                push_literal(&mut s, c);
                s
            }
            's' => "[ \\t\\n\\r]".into(),
            'S' => "[^ \\t\\n\\r]".into(),
            'i' => format!("[{NAME_START}]"),
            'I' => format!("[^{NAME_START}]"),
            'c' => format!("[{NAME_START}{NAME_EXTRA}]"),
            'C' => format!("[^{NAME_START}{NAME_EXTRA}]"),
            'd' => "\\p{Nd}".into(),
            'D' => "\\P{Nd}".into(),
            'w' => "[^\\p{P}\\p{Z}\\p{C}]".into(),
            'W' => "[\\p{P}\\p{Z}\\p{C}]".into(),
            'p' | 'P' => {
                if self.next()? != '{' {
                    return Err("`\\p` needs `{`".into());
                }
                let mut name = String::new();
                loop {
                    let n = self.next()?;
                    if n == '}' {
                        break;
                    }
                    name.push(n);
                }
                let set = property(&name)?;
                if c == 'p' { set } else { format!("[^{set}]") }
            }
            _ => return Err(format!("unknown escape `\\{c}`")),
        })
    }

    /// A character class after `[`, up to and including its `]`.
    fn class_body(&mut self) -> Result<String, String> {
        let mut out = String::from("[");
        if self.peek() == Some('^') {
            self.pos += 1;
            out.push('^');
        }
        let mut first = true;
        loop {
            let c = self.next()?;
            match c {
                ']' if !first => break,
                '-' if self.peek() == Some('[') && !first => {
                    self.pos += 1;
                    let sub = self.class_body()?;
                    if self.next()? != ']' {
                        return Err("subtraction must end the class".into());
                    }
                    out.push_str("--");
                    out.push_str(&sub);
                    out.push(']');
                    return Ok(out);
                }
                '[' => return Err("`[` must be escaped in a class".into()),
                _ => {
                    let start = if c == '\\' {
                        let e = self.escape()?;
                        if is_single_char_escape(&e) {
                            e
                        } else {
                            out.push_str(&e);
                            first = false;
                            continue;
                        }
                    } else {
                        let mut s = String::new();
                        push_class_literal(&mut s, c);
                        s
                    };
                    out.push_str(&start);
                    if self.peek() == Some('-')
                        && self
                            .chars
                            .get(self.pos + 1)
                            .is_some_and(|&n| n != ']' && n != '[')
                    {
                        self.pos += 1;
                        out.push('-');
                        let end = self.next()?;
                        if end == '\\' {
                            let e = self.escape()?;
                            if !is_single_char_escape(&e) {
                                return Err("a range must end with a character".into());
                            }
                            out.push_str(&e);
                        } else {
                            push_class_literal(&mut out, end);
                        }
                    }
                }
            }
            first = false;
        }
        out.push(']');
        Ok(out)
    }
}

fn is_single_char_escape(e: &str) -> bool {
    matches!(e, "\\n" | "\\r" | "\\t") || (e.starts_with('\\') && e.chars().count() == 2)
}

fn push_literal(out: &mut String, c: char) {
    if "\\.+*?()|[]{}^$#&-~".contains(c) {
        out.push('\\');
    }
    out.push(c);
}

fn push_class_literal(out: &mut String, c: char) {
    if "\\[]^-&~".contains(c) {
        out.push('\\');
    }
    out.push(c);
}

/// `\p{…}` names: Unicode general categories and a few XSD block names.
fn property(name: &str) -> Result<String, String> {
    const CATEGORIES: &[&str] = &[
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc",
        "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Z", "Zs", "Zl", "Zp", "S", "Sm", "Sc", "Sk", "So",
        "C", "Cc", "Cf", "Co", "Cn",
    ];
    if CATEGORIES.contains(&name) {
        return Ok(format!("\\p{{{name}}}"));
    }
    let block = name
        .strip_prefix("Is")
        .ok_or_else(|| format!("unknown property `{name}`"))?;
    let range = match block {
        "BasicLatin" => "\\u{0}-\\u{7F}",
        "Latin-1Supplement" => "\\u{80}-\\u{FF}",
        "LatinExtended-A" => "\\u{100}-\\u{17F}",
        "LatinExtended-B" => "\\u{180}-\\u{24F}",
        "IPAExtensions" => "\\u{250}-\\u{2AF}",
        "SpacingModifierLetters" => "\\u{2B0}-\\u{2FF}",
        "CombiningDiacriticalMarks" => "\\u{300}-\\u{36F}",
        "Greek" => "\\u{370}-\\u{3FF}",
        "Cyrillic" => "\\u{400}-\\u{4FF}",
        "Armenian" => "\\u{530}-\\u{58F}",
        "Hebrew" => "\\u{590}-\\u{5FF}",
        "Arabic" => "\\u{600}-\\u{6FF}",
        "Devanagari" => "\\u{900}-\\u{97F}",
        "Thai" => "\\u{E00}-\\u{E7F}",
        "LatinExtendedAdditional" => "\\u{1E00}-\\u{1EFF}",
        "GreekExtended" => "\\u{1F00}-\\u{1FFF}",
        "GeneralPunctuation" => "\\u{2000}-\\u{206F}",
        "CurrencySymbols" => "\\u{20A0}-\\u{20CF}",
        "LetterlikeSymbols" => "\\u{2100}-\\u{214F}",
        "NumberForms" => "\\u{2150}-\\u{218F}",
        "Arrows" => "\\u{2190}-\\u{21FF}",
        "MathematicalOperators" => "\\u{2200}-\\u{22FF}",
        "Hiragana" => "\\u{3040}-\\u{309F}",
        "Katakana" => "\\u{30A0}-\\u{30FF}",
        "CJKUnifiedIdeographs" => "\\u{4E00}-\\u{9FFF}",
        "PrivateUse" => "\\u{E000}-\\u{F8FF}",
        "AlphabeticPresentationForms" => "\\u{FB00}-\\u{FB4F}",
        "HalfwidthandFullwidthForms" => "\\u{FF00}-\\u{FFEF}",
        "Specials" => "\\u{FFF0}-\\u{FFFD}",
        _ => return Err(format!("unsupported block `{name}`")),
    };
    Ok(format!("[{range}]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        compile(p).unwrap().is_match(s)
    }

    #[test]
    fn patterns_are_anchored_and_xsd_flavoured() {
        assert!(m("\\S+", "abc"));
        assert!(!m("\\S+", "a b"));
        assert!(!m("\\S+", ""));
        assert!(m("[^\\p{C}\\p{Z}]+", "ſchön"));
        assert!(!m("[^\\p{C}\\p{Z}]+", "a b"));
        assert!(m("a$b", "a$b"));
        assert!(!m(".", "\r"));
        assert!(m("[a-z-[aeiou]]+", "xyz"));
        assert!(!m("[a-z-[aeiou]]+", "xaz"));
        assert!(m("\\i\\c*", "tei:p"));
        assert!(!m("\\i\\c*", "1p"));
        assert!(m("[\\-+]?\\d+(\\.\\d+)?(%|cm)", "-1.5cm"));
        assert!(m("(19[789][0-9]|[2-9][0-9]{3}).*", "2024-01"));
        assert!(m("[0-9.,DHMPRSTWYZ/:+\\-]+", "P1Y2M"));
    }

    #[test]
    fn rejects_malformed_patterns() {
        assert!(translate("a{2,1}").is_err());
        assert!(translate("(a").is_err());
        assert!(translate("\\q").is_err());
        assert!(translate("[a").is_err());
    }
}
