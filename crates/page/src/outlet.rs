//! The outlet dictionary (`data/outlets.tsv`) and the rules that tell a wire credit from a passing citation.
//!
//! A page names news outlets in two ways. A *credit* says who wrote the story: a byline ("By Yonhap"), a wire line
//! ("Xinhua, April 28, 2017"), a tag at the start or end of the story ("(MENAFN) ...", "... (Yonhap)",
//! "PARIS (Reuters) -"). A *citation* reports what an outlet said, inside a sentence ("Xinhua news agency
//! reported"). Only credits make the outlet; the host site (from copyright and site-name lines) is added as
//! "Wire (via Host)" when a wire story is republished.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dyad_core::{DataError, data_lines, tsv_columns};
use std::collections::HashMap;
use std::sync::LazyLock;

/// How an outlet works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutletKind {
    /// A news agency whose stories other sites republish.
    Wire,
    /// A newspaper, broadcaster or web site.
    Publisher,
}

/// One row of `data/outlets.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct Outlet {
    /// Canonical name.
    pub name: &'static str,
    /// ISO 3166-1 alpha-3 home country.
    pub country: &'static str,
    /// Wire or publisher.
    pub kind: OutletKind,
}

/// The parsed dictionary: outlets, an exact-name index and a matcher over every name and alias.
pub(crate) struct Outlets {
    pub list: Vec<Outlet>,
    by_key: HashMap<String, usize>,
    by_domain: HashMap<&'static str, usize>,
    matcher: AhoCorasick,
    pattern_outlet: Vec<usize>,
}

const OUTLETS_TSV: &str = include_str!("../../../data/outlets.tsv");
const OUTLETS_FILE: &str = "outlets.tsv";

/// The dictionary, parsed once.
pub(crate) static OUTLETS: LazyLock<Outlets> = LazyLock::new(|| load(OUTLETS_TSV));

/// The parsed table. The file is compiled in and validated by a unit test, so a bad line is a build defect: it
/// panics at first use, naming the file and the line.
fn load(src: &'static str) -> Outlets {
    parse(src).unwrap_or_else(|e| panic!("bad embedded data file {e}"))
}

fn key(name: &str) -> String {
    let mut k = String::with_capacity(name.len());
    for w in name.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()) {
        if k.is_empty() && w.eq_ignore_ascii_case("the") {
            continue;
        }
        if !k.is_empty() {
            k.push(' ');
        }
        k.extend(w.chars().flat_map(char::to_lowercase));
    }
    k
}

pub(crate) fn parse(text: &'static str) -> Result<Outlets, DataError> {
    let mut list = Vec::new();
    let mut by_key = HashMap::new();
    let mut by_domain = HashMap::new();
    let mut patterns: Vec<&'static str> = Vec::new();
    let mut pattern_outlet = Vec::new();
    for (line, row) in data_lines(text) {
        let err = |message: String| DataError { file: OUTLETS_FILE, line, message };
        let [name, country, kind, aliases, domains] = tsv_columns(OUTLETS_FILE, line, row)?;
        if country.len() != 3 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(err(format!("country {country:?} is not ISO alpha-3")));
        }
        let kind = match kind {
            "wire" => OutletKind::Wire,
            "paper" | "broadcaster" | "site" => OutletKind::Publisher,
            other => return Err(err(format!("unknown kind {other:?}"))),
        };
        let idx = list.len();
        let names = std::iter::once(name).chain(aliases.split('|').filter(|a| *a != "-" && !a.is_empty()));
        for alias in names {
            if by_key.insert(key(alias), idx).is_some_and(|other| other != idx) {
                return Err(err(format!("name {alias:?} already names another outlet")));
            }
            patterns.push(alias);
            pattern_outlet.push(idx);
        }
        for d in domains.split('|').filter(|d| *d != "-" && !d.is_empty()) {
            by_domain.insert(d, idx);
        }
        list.push(Outlet { name, country, kind });
    }
    let matcher = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .map_err(|e| DataError { file: OUTLETS_FILE, line: 0, message: format!("outlet matcher: {e}") })?;
    Ok(Outlets { list, by_key, by_domain, matcher, pattern_outlet })
}

/// A name found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Index into [`Outlets::list`].
    pub outlet: usize,
    /// Byte range of the name in the searched text.
    pub start: usize,
    pub end: usize,
}

impl Outlets {
    /// The outlet whose name or alias is exactly `name` (case, a leading "The" and punctuation ignored).
    pub(crate) fn lookup(&self, name: &str) -> Option<&Outlet> {
        self.by_key.get(&key(name)).map(|&i| &self.list[i])
    }

    /// The outlet of a web domain or host name ("www.reuters.com" → Reuters).
    pub(crate) fn by_host(&self, host: &str) -> Option<&Outlet> {
        let mut h = host.trim().trim_end_matches('.').to_ascii_lowercase();
        loop {
            if let Some(&i) = self.by_domain.get(h.as_str()) {
                return Some(&self.list[i]);
            }
            match h.find('.') {
                Some(dot) if h[dot + 1..].contains('.') => h = h[dot + 1..].to_string(),
                _ => return None,
            }
        }
    }

    /// Every outlet name in `text`, on word boundaries, case as written in the dictionary.
    pub(crate) fn find_all(&self, text: &str) -> Vec<Found> {
        let bytes = text.as_bytes();
        self.matcher
            .find_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                edge(before) && edge(after) && !(m.end() < bytes.len() && bytes[m.end()] == b'-')
            })
            .map(|m| Found { outlet: self.pattern_outlet[m.pattern().as_usize()], start: m.start(), end: m.end() })
            .collect()
    }
}

/// Looks `name` up in the outlet dictionary: `(canonical name, ISO3 country)`.
pub(crate) fn lookup(name: &str) -> Option<(&'static str, &'static str)> {
    OUTLETS.lookup(name).map(|o| (o.name, o.country))
}

/// Looks a web host up in the outlet dictionary (`(canonical name, ISO3 country)`): "www.reuters.com" → Reuters.
pub(crate) fn lookup_host(host: &str) -> Option<(&'static str, &'static str)> {
    OUTLETS.by_host(host).map(|o| (o.name, o.country))
}

/// The credit found in one place of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Credit {
    pub outlet: usize,
}

/// A credit in a byline or wire line: "By Yonhap", "Xinhua, April 28, 2017", "Source: Reuters", "Reuters staff".
/// The line must be short and the outlet must be its first name-like word or follow "By"/"Source:".
pub(crate) fn credit_in_meta_line(line: &str) -> Option<Credit> {
    let words = line.split_whitespace().count();
    if words > 14 {
        return None;
    }
    let mut rest = line.trim_start_matches(|c: char| c.is_whitespace() || c == '(' || c == '-' || c == '—');
    for lead in ["By ", "by ", "BY ", "Source:", "Source :", "SOURCE:", "From ", "Via ", "via "] {
        if let Some(r) = rest.strip_prefix(lead) {
            rest = r.trim_start();
            break;
        }
    }
    // The whole line is a name, in any case ("KYODO").
    if let Some(o) = OUTLETS.lookup(rest) {
        return OUTLETS.list.iter().position(|x| std::ptr::eq(x, o)).map(|outlet| Credit { outlet });
    }
    OUTLETS.find_all(rest).into_iter().find(|f| f.start == 0).map(|f| Credit { outlet: f.outlet })
}

/// A credit tag opening the story: "(MENAFN) ...", "PARIS (Reuters) - ...", "SEOUL, April 3 (Yonhap) -- ...".
pub(crate) fn credit_at_start(first_block: &str) -> Option<Credit> {
    let head: &str = match first_block.char_indices().nth(90) {
        Some((i, _)) => &first_block[..i],
        None => first_block,
    };
    let (open, close) = match (head.find('('), head.find('/')) {
        // "MOSCOW, June 3. /TASS/." is TASS's house style.
        (None, Some(slash)) | (Some(_), Some(slash)) if head[..slash].find('(').is_none() => {
            (slash, slash + 1 + head[slash + 1..].find('/')?)
        }
        (Some(open), _) => (open, open + head[open..].find(')')?),
        _ => return None,
    };
    // The tag must come before the first sentence starts: nothing but a place and a date in front of it.
    let before = &head[..open];
    if before.split_whitespace().count() > 6
        || before.trim_end().trim_end_matches('.').contains(['.', '!', '?', '"', '“'])
    {
        return None;
    }
    // Only a place and a date may stand before the tag: capitalised words, numbers, short particles ("Rio de").
    let place_like = before.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty() || w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || w.len() <= 3
    });
    if !place_like {
        return None;
    }
    let inner = head[open + 1..close].trim();
    let f = OUTLETS.lookup(inner)?;
    let idx = OUTLETS.list.iter().position(|o| std::ptr::eq(o, f))?;
    Some(Credit { outlet: idx })
}

/// A credit closing the story: "... (Yonhap)", "... — Reuters", "... /AP", "(Reporting by ...; Reuters)".
pub(crate) fn credit_at_end(last_block: &str) -> Option<Credit> {
    let t = last_block.trim_end();
    let t = t.trim_end_matches(['.', ' ']);
    let tail = if let Some(inner) = t.strip_suffix(')') {
        let open = inner.rfind('(')?;
        &inner[open + 1..]
    } else {
        let cut = t.rfind(['—', '–', '/'])?;
        let sep_len = t[cut..].chars().next().map_or(1, char::len_utf8);
        &t[cut + sep_len..]
    };
    if tail.split_whitespace().count() > 5 {
        return None;
    }
    let f = OUTLETS.lookup(tail.trim())?;
    let idx = OUTLETS.list.iter().position(|o| std::ptr::eq(o, f))?;
    Some(Credit { outlet: idx })
}

/// Outlet names in a copyright or site-name line ("Copyright © 2024 Reuters", "The Korea Herald by ...").
pub(crate) fn names_in_site_line(line: &str) -> Vec<usize> {
    OUTLETS.find_all(line).into_iter().map(|f| f.outlet).collect()
}

/// The outlet record: the wire that wrote the story and the site that carries it.
/// A wire credit on another outlet's site reads "Wire (via Host)".
pub(crate) fn combine(credit: Option<usize>, host: Option<usize>) -> Option<(String, &'static str)> {
    let list = &OUTLETS.list;
    match (credit, host) {
        (Some(c), Some(h)) if c != h && list[c].kind == OutletKind::Wire => {
            Some((format!("{} (via {})", list[c].name, list[h].name), list[c].country))
        }
        (Some(c), _) => Some((list[c].name.to_string(), list[c].country)),
        (None, Some(h)) => Some((list[h].name.to_string(), list[h].country)),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "outlets.tsv:2: ")]
    fn a_bad_file_panics_at_first_use_naming_file_and_line() {
        load("Foo\tUSA\twire\t-\t-\nBar\tUS\twire\t-\t-\n");
    }

    #[test]
    fn dictionary_loads_and_is_large_enough() {
        let o = parse(OUTLETS_TSV).unwrap();
        assert!(o.list.len() >= 60, "only {} outlets", o.list.len());
        assert!(o.list.iter().all(|x| x.country.len() == 3));
    }

    #[test]
    fn rejects_bad_rows() {
        assert!(parse("Foo\tXX\twire\t-\t-\n").is_err());
        assert!(parse("Foo\tUSA\tblog\t-\t-\n").is_err());
        assert!(parse("Foo\tUSA\twire\n").is_err());
        assert!(parse("Foo\tUSA\twire\t-\t-\nBar\tUSA\twire\tFoo\t-\n").is_err());
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let Err(e) = parse("# name\tcountry\tkind\taliases\tdomains\n\nFoo\tUSA\twire\t-\t-\nBar\tUSA\twire\n") else {
            panic!("a three-column line must be rejected");
        };
        assert_eq!((e.file, e.line), ("outlets.tsv", 4));
        let Err(e) = parse("Foo\tUSA\twire\t-\t-\nBar\tUS\twire\t-\t-\n") else {
            panic!("a two-letter country accepted")
        };
        assert_eq!((e.file, e.line), ("outlets.tsv", 2));
    }

    #[test]
    fn lookups() {
        assert_eq!(lookup("Associated Press").map(|x| x.0), Some("AP"));
        assert_eq!(lookup("the korea herald").map(|x| x.1), Some("KOR"));
        assert_eq!(lookup_host("www.reuters.com").map(|x| x.0), Some("Reuters"));
        assert_eq!(lookup_host("example.com"), None);
    }

    #[test]
    fn finds_names_on_word_boundaries_only() {
        let found = OUTLETS.find_all("APPLE said; the AP said; Reuters-style");
        let names: Vec<_> = found.iter().map(|f| OUTLETS.list[f.outlet].name).collect();
        assert_eq!(names, vec!["AP"]);
    }

    #[test]
    fn credits_versus_citations() {
        let name = |c: Option<Credit>| c.map(|c| OUTLETS.list[c.outlet].name);
        assert_eq!(name(credit_in_meta_line("By Reuters")), Some("Reuters"));
        assert_eq!(name(credit_in_meta_line("Kyodo, March 3, 2019")), Some("Kyodo"));
        assert_eq!(name(credit_in_meta_line("Officials told Reuters on Monday")), None);
        assert_eq!(name(credit_at_start("(AFP) Leaders met.")), Some("AFP"));
        assert_eq!(name(credit_at_start("MOSCOW, May 2 (TASS) - Leaders met.")), Some("TASS"));
        assert_eq!(name(credit_at_start("MOSCOW, May 2. /TASS/. Leaders met.")), Some("TASS"));
        assert_eq!(name(credit_in_meta_line("KYODO")), Some("Kyodo"));
        assert_eq!(name(credit_at_start("Leaders met, the paper said (Reuters) later.")), None);
        assert_eq!(name(credit_at_end("They met twice. (Yonhap)")), Some("Yonhap"));
        assert_eq!(name(credit_at_end("They met twice. — AP")), Some("AP"));
        assert_eq!(name(credit_at_end("They met twice, Xinhua news agency reported.")), None);
    }

    #[test]
    fn wire_on_a_host_site() {
        let idx = |n: &str| OUTLETS.list.iter().position(|o| o.name == n);
        let got = combine(idx("Reuters"), idx("The Japan Times"));
        assert_eq!(got.map(|g| g.0), Some("Reuters (via The Japan Times)".to_string()));
        assert_eq!(combine(idx("MENAFN"), idx("MENAFN")).map(|g| g.0), Some("MENAFN".to_string()));
        assert_eq!(combine(None, None), None);
    }
}
