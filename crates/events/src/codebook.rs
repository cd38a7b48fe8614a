//! The CAMEO codebook (`data/cameo.tsv`): names, Goldstein scores, QuadClass, PLOVER category, intent counterpart.

use crate::DataError;
use crate::embedded::loaded;
use dyad_core::{data_lines, tsv_columns};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

const CAMEO_TSV: &str = include_str!("../../../data/cameo.tsv");
const CAMEO_FILE: &str = "cameo.tsv";

/// Everything the codebook says about one CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeInfo {
    /// The code, e.g. `042`.
    pub code: &'static str,
    /// Its CAMEO name.
    pub name: &'static str,
    /// Goldstein conflict-cooperation score, -10..=10.
    pub goldstein: f64,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// PLOVER category; `None` for root 01, which PLOVER does not code.
    pub plover: Option<&'static str>,
    /// The code for the announced/promised (03x) or threatened (13x) form of this action, if CAMEO has one.
    pub intent: Option<&'static str>,
}

impl CodeInfo {
    /// The two-digit root, e.g. `04` for `042`.
    pub fn root(&self) -> &'static str {
        self.code.get(..2).unwrap_or(self.code)
    }
}

/// The CAMEO codebook.
#[derive(Debug, Default)]
pub struct Codebook {
    codes: Vec<CodeInfo>,
    by_code: HashMap<&'static str, usize>,
}

static BUILTIN: LazyLock<Codebook> = LazyLock::new(|| loaded(Codebook::parse(CAMEO_TSV)));

impl Codebook {
    /// The built-in codebook from `data/cameo.tsv`.
    pub fn builtin() -> &'static Codebook {
        &BUILTIN
    }

    /// Parses a codebook in the `data/cameo.tsv` format. The text must live for the program's lifetime (it is
    /// an embedded file), so entries can borrow from it.
    pub fn parse(src: &'static str) -> Result<Codebook, DataError> {
        let mut book = Codebook::default();
        for (line, row) in data_lines(src) {
            let err = |message: String| DataError { file: CAMEO_FILE, line, message };
            let [code, name, goldstein, quad, plover, intent, _notes] = tsv_columns(CAMEO_FILE, line, row)?;
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(format!("bad code {code:?}")));
            }
            let goldstein: f64 = goldstein.parse().map_err(|_| err(format!("bad goldstein {goldstein:?}")))?;
            if !(-10.0..=10.0).contains(&goldstein) {
                return Err(err(format!("goldstein {goldstein} outside -10..10")));
            }
            let quad_class: u8 = quad.parse().map_err(|_| err(format!("bad quad class {quad:?}")))?;
            if quad_class != quad_class_of_root(&code[..2]).unwrap_or(0) {
                return Err(err(format!("quad class {quad_class} does not fit root {}", &code[..2])));
            }
            let opt = |s: &'static str| (s != "-").then_some(s);
            if book.by_code.insert(code, book.codes.len()).is_some() {
                return Err(err(format!("duplicate code {code}")));
            }
            book.codes.push(CodeInfo { code, name, goldstein, quad_class, plover: opt(plover), intent: opt(intent) });
        }
        for info in &book.codes {
            if let Some(intent) = info.intent
                && !book.by_code.contains_key(intent)
            {
                return Err(DataError {
                    file: CAMEO_FILE,
                    line: 0,
                    message: format!("{}: unknown intent {intent}", info.code),
                });
            }
        }
        Ok(book)
    }

    /// The entry for `code`.
    pub fn get(&self, code: &str) -> Option<&CodeInfo> {
        self.by_code.get(code).map(|&i| &self.codes[i])
    }

    /// Whether `code` is a CAMEO event code.
    pub fn contains(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }

    /// Every code in codebook order.
    pub fn iter(&self) -> impl Iterator<Item = &CodeInfo> {
        self.codes.iter()
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the codebook is empty (only if the data file failed to load).
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The name of a code.
    pub fn name(&self, code: &str) -> Option<&'static str> {
        self.get(code).map(|c| c.name)
    }

    /// The Goldstein score of a code.
    pub fn goldstein(&self, code: &str) -> Option<f64> {
        self.get(code).map(|c| c.goldstein)
    }

    /// The QuadClass of a code.
    pub fn quad_class(&self, code: &str) -> Option<u8> {
        self.get(code).map(|c| c.quad_class)
    }

    /// The PLOVER category of a code (`None` for unknown codes and for root 01).
    pub fn plover(&self, code: &str) -> Option<&'static str> {
        self.get(code).and_then(|c| c.plover)
    }

    /// The root of a known code.
    pub fn root(&self, code: &str) -> Option<&'static str> {
        self.get(code).map(CodeInfo::root)
    }

    /// The "express intent" (03x) or "threaten" (13x) counterpart of a code, where CAMEO has one.
    pub fn intent_of(&self, code: &str) -> Option<&'static str> {
        self.get(code).and_then(|c| c.intent)
    }

    /// The appeal (root 02), intent (03) or demand (10) code of `root` for an act whose own code is `act`: CAMEO's
    /// three branches run in parallel, and the act's intent counterpart names the branch (lifting a ban, 081 →
    /// 0351 → 0251, 0351, 1051; mediating, 045 → 039 → 028, 039, 108). `None` for a hostile act (an intent
    /// counterpart in root 13) or an act with none.
    pub(crate) fn branch_for(&self, root: &str, act: &str) -> Option<&'static str> {
        let intent = self.intent_of(act).filter(|i| i.starts_with("03"))?;
        let code = match (root, intent) {
            ("02", "039") => "028".to_string(),
            ("10", "039") => "108".to_string(),
            ("02" | "03" | "10", i) => format!("{root}{}", &i[2..]),
            _ => return None,
        };
        self.get(&code).map(|c| c.code)
    }

    /// The codes under a root (including the root itself), e.g. every `04x` for `04`.
    pub fn under_root<'a>(&'a self, root: &'a str) -> impl Iterator<Item = &'a CodeInfo> + 'a {
        self.codes.iter().filter(move |c| c.root() == root)
    }
}

/// QuadClass of a two-digit root, as GDELT assigns it: 01-05 verbal cooperation (1), 06-08 material cooperation
/// (2), 09-13 verbal conflict (3), 14-20 material conflict (4).
pub fn quad_class_of_root(root: &str) -> Option<u8> {
    match root.parse::<u8>().ok()? {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_loads_with_every_code() {
        let book = Codebook::parse(CAMEO_TSV).expect("cameo.tsv");
        assert_eq!(book.len(), 316);
        assert_eq!(book.iter().filter(|c| c.code.len() == 2).count(), 20);
        for c in book.iter() {
            assert!(!c.name.is_empty());
            if c.root() != "01" {
                assert!(c.plover.is_some(), "{} lacks a PLOVER category", c.code);
            }
        }
    }

    #[test]
    fn lookups() {
        let book = Codebook::builtin();
        let visit = book.get("042").unwrap();
        assert_eq!(visit.name, "Make a visit");
        assert_eq!(visit.goldstein, 1.9);
        assert_eq!(visit.quad_class, 1);
        assert_eq!(visit.plover, Some("CONSULT"));
        assert_eq!(visit.root(), "04");
        assert_eq!(book.intent_of("042"), Some("036"));
        assert_eq!(book.intent_of("051"), Some("032"));
        assert_eq!(book.intent_of("163"), Some("1312"));
        assert_eq!(book.intent_of("111"), None);
        assert_eq!(book.quad_class("190"), Some(4));
        assert_eq!(book.quad_class("057"), Some(1));
        assert_eq!(book.quad_class("061"), Some(2));
        assert_eq!(book.quad_class("111"), Some(3));
        assert_eq!(book.plover("010"), None);
        assert_eq!(book.plover("020"), Some("REQUEST"));
        assert_eq!(book.plover("1951"), Some("ASSAULT"));
        assert_eq!(book.goldstein("155"), book.goldstein("15"));
        assert_eq!(book.under_root("04").count(), 8);
        assert!(book.get("999").is_none());
    }

    #[test]
    fn rejects_bad_rows() {
        assert!(Codebook::parse("04\tCONSULT\t1.0\t3\tCONSULT\t-\t-\n").is_err());
        assert!(Codebook::parse("04\tCONSULT\t11\t1\tCONSULT\t-\t-\n").is_err());
        assert!(Codebook::parse("04\tCONSULT\t1.0\t1\tCONSULT\t036\t-\n").is_err());
        assert!(Codebook::parse("x4\tCONSULT\t1.0\t1\tCONSULT\t-\t-\n").is_err());
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let e =
            Codebook::parse("# code\tname\n04\tConsult\t1.0\t1\tCONSULT\t-\t-\n\n05\tCooperate\t3.5\n").unwrap_err();
        assert_eq!((e.file, e.line), ("cameo.tsv", 4));
        let e =
            Codebook::parse("04\tConsult\t1.0\t1\tCONSULT\t-\t-\n05\tCooperate\tmuch\t1\tCOOP\t-\t-\n").unwrap_err();
        assert_eq!((e.file, e.line), ("cameo.tsv", 2));
    }
}
