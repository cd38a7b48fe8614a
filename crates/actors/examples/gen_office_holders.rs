//! Generator for `data/office_holders.tsv`: dated office holders from CountryInfo and the Phoenix country
//! dictionary, converted deterministically (same inputs, same bytes out).
//!
//! Usage: `cargo run -p dyad-actors --example gen_office_holders -- \
//!     ../shared/knowledge/CountryInfo/CountryInfo.120116.txt \
//!     ../shared/bench/dictionaries/Phoenix.Countries.actors.txt > data/office_holders.tsv`
//!
//! What is read:
//! - CountryInfo `<Leaders>` blocks (heads of state and government, about 1960–2009; the sub-tag is the title,
//!   the code is `<country>GOV`) and `<Government>` blocks (cabinet posts 2003–2011: each `[CODE dates]` is one
//!   row, the title after `#` is split at `&` and paired with the codes when the counts agree). Birth and death
//!   dates (`[B:...]`, `[D:...]`) become columns; `YYYY0101` is a year alone. Invalid days (`20090931`) are
//!   clamped to the month's end. A term still open at the source's last update (`>date`) is closed at that update
//!   (2011-12-31 for leaders, 2011-02-28 for cabinets); a `<date` term (in office when the cabinet lists begin)
//!   starts on 2003-01-01, the first day the source vouches for.
//! - Phoenix person entries (a headword with dated codes) that are not marked as taken from CountryInfo and whose
//!   name CountryInfo does not have: one row per dated code with a start; an open term closes at the latest date the file names.
//!   Codes whose first three letters are not a state (`IGO...`) and elite codes (`...ELI`) are left out.
//!   Of a person CountryInfo does have, only the dated military terms (`EGYMIL`: an officer or commander, such as
//!   a commander of the air force before he became a minister) are added, when no CountryInfo term of the same
//!   name overlaps them: CountryInfo lists no military chiefs before 2003.
//!
//! CountryInfo files the Soviet Union's and Czechoslovakia's office holders under Russia and the Czech Republic: a
//! term that ended before the successor state existed is given to the former state (SUN, CSK).
//!
//! Rows are sorted by country, name and start date. Licences: CountryInfo rows CC BY-SA 3.0, Phoenix rows MIT.
use dyad_core::ActorCode;
use std::collections::{BTreeSet, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    country: String,
    name: String,
    from: String,
    until: String,
    aliases: Vec<String>,
    code: ActorCode,
    title: String,
    born: String,
    died: String,
    source: &'static str,
}

const HONORIFICS: &[&str] = &[
    "SHEIKH", "SHAIKH", "SHEIK", "SIR", "DR", "DR.", "GENERAL", "GEN", "GEN.", "KING", "QUEEN", "PRINCE", "EMIR",
    "SULTAN", "COLONEL", "COL", "COL.", "MAJOR", "MAJ", "LT", "BRIG", "ADMIRAL", "DAME", "CAPTAIN", "CAPT", "MARSHAL",
];

fn ymd(raw: &str) -> Option<(i32, u32, u32)> {
    let d = raw.trim();
    if d.len() != 8 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = d[..4].parse().ok()?;
    let m: u32 = d[4..6].parse().ok()?;
    let day: u32 = d[6..].parse().ok()?;
    if !(1..=12).contains(&m) || day == 0 {
        return None;
    }
    let last = match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    Some((y, m, day.min(last)))
}

fn iso(raw: &str) -> String {
    ymd(raw).map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")).unwrap_or_default()
}

/// A birth or death date: `YYYY0101` is the year alone.
fn life(raw: &str) -> String {
    match ymd(raw) {
        Some((y, 1, 1)) => format!("{y:04}"),
        Some(_) => iso(raw),
        None => String::new(),
    }
}

fn word_case(w: &str) -> String {
    let lower = w.to_lowercase();
    if matches!(
        lower.as_str(),
        "al" | "el"
            | "bin"
            | "ibn"
            | "bint"
            | "de"
            | "da"
            | "do"
            | "dos"
            | "van"
            | "von"
            | "der"
            | "ul"
            | "la"
            | "le"
            | "y"
            | "e"
            | "du"
            | "del"
    ) {
        return lower;
    }
    if matches!(lower.as_str(), "ii" | "iii" | "iv" | "vi" | "vii" | "viii" | "ix" | "xi" | "xii") {
        return w.to_uppercase();
    }
    lower
        .split('-')
        .enumerate()
        .map(|(i, p)| {
            // "Zia-ul-Haq": a particle inside a hyphenated name stays lowercase.
            if i > 0 && matches!(p, "ul" | "al" | "el" | "ud" | "ur" | "bin") {
                return p.to_string();
            }
            let mut cs = p.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// `YASUHIRO_NAKASONE_` → "Yasuhiro Nakasone"; particles stay lowercase inside a name ("Jabir al Ahmad"), never
/// at its start.
fn display(raw: &str) -> String {
    let s = raw.split(['_', ' ']).filter(|w| !w.is_empty()).map(word_case).collect::<Vec<_>>().join(" ");
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => s,
    }
}

/// The names of one CountryInfo line head: `{A_}{B_}` synonyms or one name, each also without a leading honorific.
fn names(head: &str) -> Vec<String> {
    let raw: Vec<&str> = if head.contains('{') {
        head.split(['{', '}']).map(str::trim).filter(|s| !s.is_empty()).collect()
    } else {
        vec![head.trim()]
    };
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        let words: Vec<&str> =
            r.split(['_', ' ']).map(|w| w.trim_matches(['\'', '.', '-'])).filter(|w| !w.is_empty()).collect();
        if words.is_empty() || words.iter().any(|w| !w.chars().all(|c| c.is_alphanumeric() || "-'.".contains(c))) {
            continue;
        }
        let mut start = 0;
        while start + 1 < words.len() && HONORIFICS.contains(&words[start]) {
            start += 1;
        }
        let bare = display(&words[start..].join("_"));
        if !out.contains(&bare) {
            out.push(bare);
        }
        let full = display(&words.join("_"));
        if !out.contains(&full) {
            out.push(full);
        }
    }
    out
}

/// `Prime ministers` → "prime minister", `Chairmen of the Council of State` → "chairman of the council of state".
fn singular_title(tag: &str) -> String {
    let t = tag.split(['#', '(', '/', ',']).next().unwrap_or("").replace('_', " ").to_lowercase();
    let t = t.trim();
    let (head, tail) = match t.find(" of ") {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let mut words: Vec<String> = head.split(' ').map(str::to_string).collect();
    // Plural heads: every word of "prime ministers", the first of "governors-general".
    for w in words.iter_mut() {
        *w = singular(w);
    }
    format!("{}{}", words.join(" "), tail)
}

fn singular(w: &str) -> String {
    if let Some((a, b)) = w.split_once('-') {
        return format!("{}-{}", singular(a), b);
    }
    if let Some(stem) = w.strip_suffix("men") {
        return format!("{stem}man");
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if w.ends_with('s') && !w.ends_with("ss") && w.len() > 3 {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

fn countryinfo(text: &str, rows: &mut Vec<Row>) {
    let mut country = String::new();
    let mut block = "";
    let mut tag = String::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(c) = t.strip_prefix("<CountryCode>") {
            country = c.trim_end_matches("</CountryCode>").trim().to_string();
            continue;
        }
        match t {
            "<Leaders>" => {
                block = "leaders";
                continue;
            }
            "<Government>" => {
                block = "government";
                continue;
            }
            "</Leaders>" | "</Government>" => {
                block = "";
                continue;
            }
            _ => {}
        }
        if block.is_empty() || t.starts_with('#') || t.is_empty() || country.len() != 3 {
            continue;
        }
        if block == "leaders" && t.starts_with('<') {
            if !t.starts_with("</") {
                tag = singular_title(t.trim_start_matches('<').trim_end_matches('>'));
            }
            continue;
        }
        let (body, comment) = match t.split_once('#') {
            Some((b, c)) => (b, c.trim()),
            None => (t, ""),
        };
        let Some(open) = body.find('[') else { continue };
        let ns = names(&body[..open]);
        if ns.is_empty() {
            continue;
        }
        let Entry { born, died, terms } = entry(&body[open..], block, &country);
        let titles: Vec<String> =
            comment.split('&').map(|s| s.trim().trim_matches('"').to_lowercase()).filter(|s| !s.is_empty()).collect();
        let n = terms.len();
        for (i, (code, from, until)) in terms.into_iter().enumerate() {
            let title = match block {
                "leaders" => tag.clone(),
                _ if titles.len() == n => titles[i].clone(),
                _ if titles.len() == 1 => titles[0].clone(),
                _ => String::new(),
            };
            let title = title.replace('\t', " ");
            rows.push(Row {
                country: code.root().to_string(),
                name: ns[0].clone(),
                from,
                until,
                aliases: ns[1..].to_vec(),
                code,
                title,
                born: born.clone(),
                died: died.clone(),
                source: "CountryInfo",
            });
        }
    }
}

/// A CountryInfo entry's bracketed parts: birth and death dates, and its terms (code, from, until).
struct Entry {
    born: String,
    died: String,
    terms: Vec<(ActorCode, String, String)>,
}

/// Reads the `[...]` parts of an entry of `block` ("leaders" or "government") of `country`.
fn entry(brackets: &str, block: &str, country: &str) -> Entry {
    let mut e = Entry { born: String::new(), died: String::new(), terms: Vec::new() };
    for part in brackets.split('[').map(|p| p.trim().trim_end_matches(']').trim()).filter(|p| !p.is_empty()) {
        if let Some(b) = part.strip_prefix("B:") {
            e.born = life(b);
            continue;
        }
        if let Some(d) = part.strip_prefix("D:") {
            e.died = life(d);
            continue;
        }
        let (code, when) = match block {
            "leaders" => (format!("{country}GOV"), part),
            _ => match part.split_once(' ') {
                Some((c, w)) => (c.trim().to_string(), w.trim()),
                None => continue,
            },
        };
        if !code.bytes().all(|b| b.is_ascii_uppercase()) {
            continue;
        }
        let Ok(code) = ActorCode::parse(&code) else { continue };
        if let Some((from, until)) = term(when, block) {
            e.terms.push((code, from, until));
        }
    }
    e
}

/// A term's first and last day: `>date` is still open (closed at the source's last update), `<date` began before
/// the source (January 2003), `a-b` both given; `None` for a date the source garbles ("[19671202 - ]").
fn term(when: &str, block: &str) -> Option<(String, String)> {
    let close = if block == "leaders" { "2011-12-31" } else { "2011-02-28" };
    let term = if let Some(d) = when.strip_prefix('>') {
        (iso(d), close.to_string())
    } else if let Some(d) = when.strip_prefix('<') {
        // In office when the source began (January 2003): the first day the source vouches for.
        ("2003-01-01".to_string(), iso(d))
    } else if let Some((a, b)) = when.split_once('-') {
        (iso(a), iso(b))
    } else {
        return None;
    };
    // A date the source garbles ("[19671202 - ]") makes no term rather than an open one.
    if term.0.is_empty() || term.1.is_empty() {
        return None;
    }
    Some(term)
}

fn phoenix(text: &str, states: &HashSet<String>, rows: &mut Vec<Row>) {
    let known: HashSet<String> = rows.iter().map(|r| r.name.clone()).collect();
    // CountryInfo's terms by name, to keep a Phoenix military term from overlapping one of them.
    let mut terms: std::collections::HashMap<String, Vec<(String, String)>> = std::collections::HashMap::new();
    for r in rows.iter() {
        terms.entry(r.name.clone()).or_default().push((r.from.clone(), r.until.clone()));
    }
    // Headwords the file marks as taken from CountryInfo.
    let mut from_countryinfo = HashSet::new();
    for line in text.lines() {
        if !line.starts_with([' ', '\t', '+', '#']) && line.contains("# CountryInfo") {
            let head = line.split(['#', '[']).next().unwrap_or("").trim();
            from_countryinfo.insert(display(head));
        }
    }
    let (entries, _problems) = dyad_actors::phoenix::parse(text);
    let latest = entries.iter().flat_map(|e| e.roles.iter()).filter_map(|r| r.from.max(r.until)).max();
    let Some(latest) = latest else { return };
    for e in entries {
        // "KING_HASSAN_II": the name without its honorific, which CountryInfo may already have.
        let mut ns = names(&e.phrases[0].replace(' ', "_"));
        if ns.is_empty() {
            continue;
        }
        let name = ns.remove(0);
        let listed = ns.iter().chain([&name]).any(|n| from_countryinfo.contains(n) || known.contains(n));
        if e.roles.is_empty() {
            continue;
        }
        if name.split(' ').count() < 2 || name.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let aliases: Vec<String> = e.phrases[1..]
            .iter()
            .map(|p| display(p))
            .chain(ns.iter().cloned())
            .filter(|a| a != &name && a.split(' ').count() >= 2 && !a.chars().any(|c| c.is_ascii_digit()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        for r in &e.roles {
            let (Some(code), Some(from)) = (r.actor_code(), r.from) else { continue };
            if code.rest().is_empty() || !states.contains(code.root()) || code.parts().last() == Some("ELI") {
                continue;
            }
            let (from, until) = (from.to_string(), r.until.unwrap_or(latest).to_string());
            if listed {
                // A person CountryInfo has: only a military term outside every CountryInfo term of the name.
                let overlaps = |(f, u): &(String, String)| *f <= until && from <= *u;
                let clash = ns.iter().chain([&name]).any(|n| terms.get(n).is_some_and(|t| t.iter().any(overlaps)));
                if code.rest() != "MIL" || clash {
                    continue;
                }
            }
            rows.push(Row {
                country: code.root().to_string(),
                name: name.clone(),
                from,
                until,
                aliases: aliases.clone(),
                code,
                title: String::new(),
                born: String::new(),
                died: String::new(),
                source: "Phoenix",
            });
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [ci, px] = &args[..] else {
        eprintln!("usage: gen_office_holders COUNTRYINFO PHOENIX_COUNTRIES > data/office_holders.tsv");
        std::process::exit(2);
    };
    let read = |p: &str| {
        std::fs::read(p).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_else(|e| {
            eprintln!("cannot read {p}: {e}");
            std::process::exit(1)
        })
    };
    let mut rows = Vec::new();
    countryinfo(&read(ci), &mut rows);
    // States dyad knows: the ISO file plus former states, so that no row names an unknown country.
    let states: HashSet<String> =
        [include_str!("../../../data/countries.tsv"), include_str!("../../../data/country_extra.tsv")]
            .iter()
            .flat_map(|t| t.lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .filter(|c| c.len() == 3)
            .map(str::to_string)
            .collect();
    phoenix(&read(px), &states, &mut rows);
    rows.retain(|r| states.contains(&r.country) && r.name.chars().next().is_some_and(char::is_uppercase));
    // CountryInfo files the Soviet Union's and Czechoslovakia's office holders under their successors: a term
    // that ended before the successor existed is of the former state (dyad's SUN, CSK).
    for r in rows.iter_mut() {
        let former = match r.country.as_str() {
            "RUS" if r.until.as_str() <= "1991-12-25" => "SUN",
            "CZE" if r.until.as_str() <= "1992-12-31" => "CSK",
            _ => continue,
        };
        let Ok(code) = ActorCode::parse(&format!("{former}{}", r.code.rest())) else { continue };
        r.code = code;
        r.country = former.to_string();
    }
    // Source errors: a term that ends before it starts, or starts after its holder's death.
    rows.retain(|r| {
        let died_end = if r.died.len() == 4 { format!("{}-12-31", r.died) } else { r.died.clone() };
        r.until >= r.from && (died_end.is_empty() || died_end >= r.from)
    });
    rows.sort();
    rows.dedup();
    println!("{}", include_str!("office_holders_header.txt").trim_end());
    for r in rows {
        let dash = |s: &str| if s.is_empty() { "-".to_string() } else { s.to_string() };
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.name,
            if r.aliases.is_empty() { "-".to_string() } else { r.aliases.join("|") },
            r.country,
            r.code,
            dash(&r.title),
            dash(&r.from),
            dash(&r.until),
            dash(&r.born),
            dash(&r.died),
            r.source
        );
    }
}
