//! CAMEO actor codes: a root (a state, a region, a transnational kind, or `---` for unknown) followed by
//! three-letter parts (sectors such as GOV or MIL, or an organisation's own letters such as UNO in `IGOUNO`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Why a string is no CAMEO actor code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// The code is empty or its length is not a multiple of three.
    #[error("actor code {0:?} is not made of three-letter parts")]
    Length(String),
    /// The root is not three capital ASCII letters or `---`, or a later part holds something other than capital
    /// letters and digits.
    #[error("actor code {0:?} has a part that is not three capital letters")]
    Letters(String),
}

/// The transnational kinds CAMEO writes in a code's root instead of a state: intergovernmental and
/// non-governmental organisations, international militarised groups and multinational corporations.
const TRANSNATIONAL: [&str; 4] = ["IGO", "NGO", "IMG", "MNC"];

/// The root a code stands for when the country is not known, as CAMEO writes it.
pub const UNKNOWN_ROOT: &str = "---";

/// A CAMEO actor code as dyad uses it (`PRK`, `CUBGOV`, `---GOV`, `IGOUNO`, `JPNGOVMIL`, `AFR`): a root of three
/// capital letters (an ISO 3166-1 alpha-3 state, a CAMEO region such as AFR or MEA, a transnational kind such as
/// IGO, or `---` for an unknown country) followed by any number of three-character parts of capital letters (CAMEO's
/// numbered religious codes, as in PETRARCH's `NGOCHRPRO214`, also digits). Built only through
/// [`ActorCode::parse`] or [`ActorCode::new`], so every value holds these invariants, and it prints as it was read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode(Box<str>);

impl ActorCode {
    /// Reads a code, checking its shape (see [`ActorCode`]).
    pub fn parse(code: &str) -> Result<ActorCode, CodeError> {
        if code.is_empty() || !code.len().is_multiple_of(3) {
            return Err(CodeError::Length(code.to_string()));
        }
        let upper = |part: &[u8]| part.iter().all(u8::is_ascii_uppercase);
        let mut parts = code.as_bytes().chunks(3);
        let root_ok = parts.next().is_some_and(|root| root == UNKNOWN_ROOT.as_bytes() || upper(root));
        if !root_ok || !parts.all(|p| p.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())) {
            return Err(CodeError::Letters(code.to_string()));
        }
        Ok(ActorCode(code.into()))
    }

    /// The code of `country` (or of an unknown country, `---`, when `None`) with `sector`: `CUBGOV`, `---MIL`,
    /// `PRK`. An error if the country is no three-letter root.
    pub fn new(country: Option<&str>, sector: Option<Sector>) -> Result<ActorCode, CodeError> {
        let root = country.unwrap_or(UNKNOWN_ROOT);
        let mut code = String::with_capacity(6);
        code.push_str(root);
        if let Some(s) = sector {
            code.push_str(s.code());
        }
        ActorCode::parse(&code)
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first three letters: the state, region or transnational kind, or `---`.
    pub fn root(&self) -> &str {
        &self.0[..3]
    }

    /// The parts after the root, as written (`GOV` for `CUBGOV`, `UNO` for `IGOUNO`, empty for `PRK`).
    pub fn rest(&self) -> &str {
        &self.0[3..]
    }

    /// The three-letter parts after the root.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        // Every part is three ASCII letters (checked when built), so these slices lie on char boundaries.
        (3..self.0.len()).step_by(3).map(|i| &self.0[i..i + 3])
    }

    /// Whether the root is `---`: an actor of no known country (`---GOV`, a judge of no state named).
    pub fn is_unknown(&self) -> bool {
        self.root() == UNKNOWN_ROOT
    }

    /// Whether the root is a transnational kind (IGO, NGO, IMG, MNC) rather than a place.
    pub fn is_transnational(&self) -> bool {
        TRANSNATIONAL.contains(&self.root())
    }

    /// The state or region the code belongs to: the root, unless it is unknown or transnational.
    pub fn country(&self) -> Option<&str> {
        (!self.is_unknown() && !self.is_transnational()).then(|| self.root())
    }

    /// The sector right after the root (`GOV` for `CUBGOV` and `JPNGOVMIL`), if it is one of CAMEO's.
    pub fn sector(&self) -> Option<Sector> {
        self.parts().next().and_then(Sector::from_code)
    }

    /// Every part after the root that is a CAMEO sector, in order (`GOV`, `MIL` for `JPNGOVMIL`).
    pub fn sectors(&self) -> impl Iterator<Item = Sector> + '_ {
        self.parts().filter_map(Sector::from_code)
    }

    /// Whether the code names one of a state's own organs (see [`Sector::is_state`]) through its first sector.
    pub fn is_state_sector(&self) -> bool {
        self.sector().is_some_and(Sector::is_state)
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for ActorCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<ActorCode, CodeError> {
        ActorCode::parse(s)
    }
}

impl AsRef<str> for ActorCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for ActorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ActorCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ActorCode, D::Error> {
        let s = String::deserialize(d)?;
        ActorCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

macro_rules! sectors {
    ($($variant:ident $code:literal $doc:literal,)*) => {
        /// A CAMEO actor sector (the agent codes of the CAMEO codebook, as dyad's data files and the PETRARCH
        /// dictionaries use them).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Sector {
            $(#[doc = $doc] $variant,)*
        }

        impl Sector {
            /// Every sector, in the order declared.
            pub const ALL: &'static [Sector] = &[$(Sector::$variant,)*];

            /// The three capital letters of the sector.
            pub fn code(self) -> &'static str {
                match self {
                    $(Sector::$variant => $code,)*
                }
            }

            /// The sector these three letters name, if any.
            pub fn from_code(code: &str) -> Option<Sector> {
                match code {
                    $($code => Some(Sector::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

sectors! {
    Gov "GOV" "Government: the executive.",
    Mil "MIL" "Military.",
    Cop "COP" "Police.",
    Jud "JUD" "Judiciary.",
    Leg "LEG" "Legislature.",
    Spy "SPY" "State intelligence services.",
    Opp "OPP" "Political opposition.",
    Pty "PTY" "A political party.",
    Reb "REB" "Rebels.",
    Ins "INS" "Insurgents.",
    Sep "SEP" "Separatists.",
    Uaf "UAF" "Unaligned armed forces.",
    Eli "ELI" "Elites: former office holders and other prominent people.",
    Agr "AGR" "Agriculture.",
    Bus "BUS" "Business.",
    Crm "CRM" "Criminals.",
    Cvl "CVL" "Civilians: the people of a place.",
    Dev "DEV" "Development.",
    Edu "EDU" "Education.",
    Env "ENV" "Environment.",
    Hlh "HLH" "Health.",
    Hri "HRI" "Human rights.",
    Lab "LAB" "Labour.",
    Med "MED" "Media.",
    Ref "REF" "Refugees.",
    Mod "MOD" "Moderates.",
    Rad "RAD" "Radicals.",
    Rel "REL" "Religious actors.",
    Chr "CHR" "Christians.",
    Mus "MUS" "Muslims.",
    Jew "JEW" "Jews.",
    Bud "BUD" "Buddhists.",
    Hin "HIN" "Hindus.",
    Ppl "PPL" "The people at large.",
}

impl Sector {
    /// Whether the sector is one of a state's own organs: its government, legislature, judiciary, police or
    /// military. An office of these held by someone of no named state is an office of the state a text is about.
    pub fn is_state(self) -> bool {
        matches!(self, Sector::Gov | Sector::Leg | Sector::Jud | Sector::Cop | Sector::Mil)
    }

    /// Whether the sector is one that takes up arms or stands against a state: rebels, insurgents, separatists,
    /// the opposition and unaligned armed forces.
    pub fn is_dissident(self) -> bool {
        matches!(self, Sector::Reb | Sector::Ins | Sector::Sep | Sector::Opp | Sector::Uaf)
    }
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Sector {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Sector, CodeError> {
        Sector::from_code(s).ok_or_else(|| CodeError::Letters(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_as_dyad_writes_them() {
        // code, root, rest, country, first sector, state sector
        type Row<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<Sector>, bool);
        let table: [Row; 9] = [
            ("NGOCHRPRO214", "NGO", "CHRPRO214", None, Some(Sector::Chr), false),
            ("PRK", "PRK", "", Some("PRK"), None, false),
            ("CUBGOV", "CUB", "GOV", Some("CUB"), Some(Sector::Gov), true),
            ("---JUD", "---", "JUD", None, Some(Sector::Jud), true),
            ("IGOUNO", "IGO", "UNO", None, None, false),
            ("IGOWSTNAT", "IGO", "WSTNAT", None, None, false),
            ("JPNGOVMIL", "JPN", "GOVMIL", Some("JPN"), Some(Sector::Gov), true),
            ("AFR", "AFR", "", Some("AFR"), None, false),
            ("PRKELI", "PRK", "ELI", Some("PRK"), Some(Sector::Eli), false),
        ];
        for (text, root, rest, country, sector, state) in table {
            let code = ActorCode::parse(text).unwrap();
            assert_eq!(
                (code.root(), code.rest(), code.country(), code.sector(), code.is_state_sector()),
                (root, rest, country, sector, state),
                "{text}"
            );
            assert_eq!(code.to_string(), text);
        }
        let mil: Vec<Sector> = ActorCode::parse("JPNGOVMIL").unwrap().sectors().collect();
        assert_eq!(mil, [Sector::Gov, Sector::Mil]);
        assert!(ActorCode::parse("IGOUNO").unwrap().is_transnational());
    }

    #[test]
    fn bad_codes_are_rejected() {
        for bad in ["", "PR", "PRKG", "prk", "PRK---", "P-K", "PRKgov", "ÄÖÜ", "12A", "NGOEEURENV", "PRK-GO"] {
            assert!(ActorCode::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(ActorCode::new(None, Some(Sector::Gov)).unwrap().as_str(), "---GOV");
        assert_eq!(ActorCode::new(Some("CUB"), None).unwrap().as_str(), "CUB");
        assert!(ActorCode::new(Some("Cuba"), None).is_err());
    }

    #[test]
    fn state_sectors() {
        let state: Vec<&str> = Sector::ALL.iter().filter(|s| s.is_state()).map(|s| s.code()).collect();
        assert_eq!(state, ["GOV", "MIL", "COP", "JUD", "LEG"]);
        let dissident: Vec<&str> = Sector::ALL.iter().filter(|s| s.is_dissident()).map(|s| s.code()).collect();
        assert_eq!(dissident, ["OPP", "REB", "INS", "SEP", "UAF"]);
        for s in Sector::ALL {
            assert_eq!(s.code().parse::<Sector>(), Ok(*s));
        }
    }

    proptest! {
        #[test]
        fn parse_and_display_round_trip(root in "(---|[A-Z]{3})", parts in "([A-Z]{3}){0,3}") {
            let text = format!("{root}{parts}");
            let code = ActorCode::parse(&text).unwrap();
            prop_assert_eq!(code.to_string(), text.clone());
            prop_assert_eq!(code.root(), &text[..3]);
            prop_assert_eq!(code.parts().collect::<String>(), parts);
            let json = serde_json::to_string(&code).unwrap();
            prop_assert_eq!(serde_json::from_str::<ActorCode>(&json).unwrap(), code);
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,12}") {
            if let Ok(code) = ActorCode::parse(&text) {
                prop_assert_eq!(code.as_str(), text.as_str());
                let _ = (code.country(), code.sector(), code.sectors().count());
            }
        }
    }
}
