//! Reader for PETRARCH/TABARI `.actors` dictionaries (the Phoenix files), an optional extra source.
//!
//! Format (petrarch2 `docs/source/dictionaries.rst`): a headword line `PHRASE_ [CODE] # comment`, `+SYNONYM_` lines
//! that add phrases to the entry above, and indented code lines. A code may carry a validity: `[CODE d1-d2]`,
//! `[CODE >d]` (from d on), `[CODE <d]` (until d); dates are YYMMDD (years up to 30 read as 20YY) or YYYYMMDD.
//! Underscores stand for spaces; a trailing underscore marks the end of a word.

use crate::model::Role;
use chrono::NaiveDate;
use dyad_core::ActorCode;

/// A line of an external dictionary that could not be read (the line is skipped; the caller knows the file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct Malformed {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One parsed dictionary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoenixEntry {
    /// The headword and synonyms, with spaces for underscores.
    pub phrases: Vec<String>,
    /// The first undated code, if any.
    pub code: Option<ActorCode>,
    /// Dated codes, as roles with `from`/`until` and `code`.
    pub roles: Vec<Role>,
}

fn phrase(raw: &str) -> String {
    raw.trim().replace('_', " ").trim().to_string()
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, rest[..2].parse().ok()?, rest[2..].parse().ok()?)
}

/// Parses one bracketed code body such as `PRKGOV 721228-940708`.
fn parse_code(body: &str) -> Option<(ActorCode, Option<NaiveDate>, Option<NaiveDate>, bool)> {
    let mut parts = body.split_whitespace();
    let code = ActorCode::parse(parts.next()?.trim_start_matches('~')).ok()?;
    let Some(when) = parts.next() else { return Some((code, None, None, false)) };
    if let Some(d) = when.strip_prefix('>') {
        return Some((code, Some(parse_date(d)?), None, true));
    }
    if let Some(d) = when.strip_prefix('<') {
        return Some((code, None, Some(parse_date(d)?), true));
    }
    let (a, b) = when.split_once('-')?;
    Some((code, Some(parse_date(a)?), Some(parse_date(b)?), true))
}

/// Parses a whole `.actors` file. Real dictionaries hold typos (`[ARMUNR 9008223-911221]`), so a malformed code
/// is skipped and reported in the second list instead of failing the whole file; unknown line kinds are skipped.
pub fn parse(text: &str) -> (Vec<PhoenixEntry>, Vec<Malformed>) {
    let mut out: Vec<PhoenixEntry> = Vec::new();
    let mut problems = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let without_comment = raw.split('#').next().unwrap_or("");
        if without_comment.trim().is_empty() || raw.starts_with('!') || raw.starts_with('{') {
            continue;
        }
        let starts_indented = raw.starts_with([' ', '\t']);
        let (head, codes) = match without_comment.find('[') {
            Some(at) => without_comment.split_at(at),
            None => (without_comment, ""),
        };
        if let Some(syn) = head.trim_start().strip_prefix('+') {
            if let Some(e) = out.last_mut() {
                let p = phrase(syn);
                if !p.is_empty() {
                    e.phrases.push(p);
                }
            }
            continue;
        }
        if !starts_indented && !head.trim().is_empty() {
            out.push(PhoenixEntry { phrases: vec![phrase(head)], code: None, roles: Vec::new() });
        }
        let Some(entry) = out.last_mut() else { continue };
        let mut rest = codes;
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find(']') else {
                problems.push(Malformed { line: line_no, message: "unclosed [".into() });
                break;
            };
            let body = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            if body.trim().is_empty() || body.trim() == dyad_core::UNKNOWN_ROOT {
                continue;
            }
            let Some((code, from, until, dated)) = parse_code(body) else {
                problems.push(Malformed { line: line_no, message: format!("bad code [{body}]") });
                continue;
            };
            if dated {
                entry.roles.push(Role {
                    role: code.rest().to_lowercase(),
                    // The root as written, `IGO` and `---` included.
                    country: Some(code.root().to_string()),
                    sector: Some(code.rest()).filter(|s| !s.is_empty()).map(str::to_string),
                    seen: None,
                    first_seen: None,
                    from,
                    until,
                    code: Some(code.to_string()),
                });
            } else if entry.code.is_none() {
                entry.code = Some(code);
            }
        }
    }
    out.retain(|e| !e.phrases.iter().all(|p| p.is_empty()));
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = "# comment\nNORTH_KOREA_  [PRK]\n+DPRK_ \n+PYONGYANG_ \nKIM_IL_SUNG_  # CountryInfo.txt\n\t[PRKELI 19300415-480909]\n\t[PRKGOV 721228-940708]\nBAN_KI_MOON_ [IGOUNO >070101]\nKOFI_ANNAN_ [IGOUNO <061231]\n";

    #[test]
    fn parses_headwords_synonyms_and_dated_codes() {
        let (e, problems) = parse(SAMPLE);
        assert!(problems.is_empty());
        assert_eq!(e.len(), 4);
        assert_eq!(e[0].phrases, vec!["NORTH KOREA", "DPRK", "PYONGYANG"]);
        assert_eq!(e[0].code.as_ref().map(ActorCode::as_str), Some("PRK"));
        let kim = &e[1];
        assert_eq!(kim.roles.len(), 2);
        assert_eq!(kim.roles[1].from, NaiveDate::from_ymd_opt(1972, 12, 28));
        assert_eq!(kim.roles[1].until, NaiveDate::from_ymd_opt(1994, 7, 8));
        assert_eq!(e[2].roles[0].from, NaiveDate::from_ymd_opt(2007, 1, 1));
        assert_eq!(e[3].roles[0].until, NaiveDate::from_ymd_opt(2006, 12, 31));
    }

    #[test]
    fn reports_malformed_codes_and_keeps_going() {
        let (e, problems) = parse("A_ [PRKGOV 72-94]\nB_ [PRKGOV\nC_ [CUB]\n");
        assert_eq!(problems.iter().map(|p| p.line).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(e.len(), 3);
        assert_eq!(e[2].code.as_ref().map(ActorCode::as_str), Some("CUB"));
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }
    }
}
