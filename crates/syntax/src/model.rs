//! The model file: one binary file holding the tagger and, when trained, the parser.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! magic    8 bytes  "DYADSYN\0"
//! version  u32      FORMAT_VERSION
//! tagger   u64 length, then the tagger section (see `tagger`)
//! parser   u8 flag (0 = none, 1 = present), then the parser section, written and read by the parser module
//!          itself (`Parser::write_to` / `Parser::read_from`), so its layout is private to it
//! ```
//!
//! The tagger section is length-prefixed so a reader can skip it; the parser section is last and opaque.

use crate::parser::Parser;
use crate::tagger::Tagger;

/// The first eight bytes of every model file.
pub const MAGIC: &[u8; 8] = b"DYADSYN\0";
/// The layout version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Why a model could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The bytes are empty: no model has been trained into this file.
    #[error("empty model file: train one with `dyad train syntax --treebank DIR --out data/syntax.model`")]
    Empty,
    /// The bytes do not start with [`MAGIC`].
    #[error("not a dyad syntax model (bad magic bytes)")]
    BadMagic,
    /// The file was written by another layout version.
    #[error("model layout version {found}, this build reads version {expected}")]
    Version {
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The bytes end before a section does.
    #[error("model truncated while reading {0}")]
    Truncated(&'static str),
    /// A section holds an impossible value.
    #[error("corrupt model: {0}")]
    Corrupt(String),
}

/// The tagger and, when trained, the parser.
#[derive(Debug, Clone)]
pub struct Model {
    /// The part-of-speech tagger, features and lemmatiser.
    pub tagger: Tagger,
    /// The dependency parser, when the model has one.
    pub(crate) parser: Option<Parser>,
}

/// The model trained for this build (`data/syntax.model`), embedded at build time.
static EMBEDDED: &[u8] = include_bytes!("../../../data/syntax.model");

impl Model {
    /// A model with a tagger and no parser.
    pub fn new(tagger: Tagger) -> Model {
        Model { tagger, parser: None }
    }

    /// The bytes of the model embedded in this build (`data/syntax.model`).
    pub fn embedded_bytes() -> &'static [u8] {
        EMBEDDED
    }

    /// Reads the model embedded in this build.
    pub fn embedded() -> Result<Model, ModelError> {
        Model::from_bytes(EMBEDDED)
    }

    /// Whether the model holds a dependency parser.
    pub fn has_parser(&self) -> bool {
        self.parser.is_some()
    }

    /// Reads a model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.is_empty() {
            return Err(ModelError::Empty);
        }
        let mut r = bytes;
        let magic = take(&mut r, 8, "magic")?;
        if magic != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = get_u32(&mut r, "version")?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Version { found: version, expected: FORMAT_VERSION });
        }
        let len = get_u64(&mut r, "tagger length")?;
        let len = usize::try_from(len).map_err(|_| ModelError::Corrupt("tagger length".into()))?;
        let mut section = take(&mut r, len, "tagger")?;
        let tagger = Tagger::read_from(&mut section)?;
        if !section.is_empty() {
            return Err(ModelError::Corrupt(format!("{} bytes after the tagger section", section.len())));
        }
        let parser = match get_u8(&mut r, "parser flag")? {
            0 => None,
            1 => Some(Parser::read_from(&mut r)?),
            f => return Err(ModelError::Corrupt(format!("parser flag {f}"))),
        };
        if !r.is_empty() {
            return Err(ModelError::Corrupt(format!("{} bytes after the last section", r.len())));
        }
        Ok(Model { tagger, parser })
    }

    /// The bytes of a model file holding this model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, FORMAT_VERSION);
        let mut section = Vec::new();
        self.tagger.write_to(&mut section);
        put_u64(&mut out, section.len() as u64);
        out.extend_from_slice(&section);
        match &self.parser {
            None => out.push(0),
            Some(p) => {
                out.push(1);
                p.write_to(&mut out);
            }
        }
        out
    }
}

// Little-endian readers and writers shared by the sections. Each reader advances the slice and names what it was
// reading when the bytes run out.

pub(crate) fn take<'a>(r: &mut &'a [u8], n: usize, what: &'static str) -> Result<&'a [u8], ModelError> {
    if r.len() < n {
        return Err(ModelError::Truncated(what));
    }
    let (head, tail) = r.split_at(n);
    *r = tail;
    Ok(head)
}

pub(crate) fn get_u8(r: &mut &[u8], what: &'static str) -> Result<u8, ModelError> {
    Ok(take(r, 1, what)?[0])
}

pub(crate) fn get_u16(r: &mut &[u8], what: &'static str) -> Result<u16, ModelError> {
    let b = take(r, 2, what)?;
    Ok(u16::from_le_bytes([b[0], b[1]]))
}

pub(crate) fn get_u32(r: &mut &[u8], what: &'static str) -> Result<u32, ModelError> {
    let b = take(r, 4, what)?;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

pub(crate) fn get_u64(r: &mut &[u8], what: &'static str) -> Result<u64, ModelError> {
    let b = take(r, 8, what)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    Ok(u64::from_le_bytes(a))
}

pub(crate) fn get_f32(r: &mut &[u8], what: &'static str) -> Result<f32, ModelError> {
    Ok(f32::from_bits(get_u32(r, what)?))
}

/// A count, checked against the bytes left so that a corrupt count cannot ask for a huge allocation.
pub(crate) fn get_len(r: &mut &[u8], min_item_bytes: usize, what: &'static str) -> Result<usize, ModelError> {
    let n = get_u32(r, what)? as usize;
    if n.saturating_mul(min_item_bytes.max(1)) > r.len() {
        return Err(ModelError::Truncated(what));
    }
    Ok(n)
}

pub(crate) fn get_str(r: &mut &[u8], what: &'static str) -> Result<String, ModelError> {
    let n = get_len(r, 1, what)?;
    let b = take(r, n, what)?;
    String::from_utf8(b.to_vec()).map_err(|_| ModelError::Corrupt(format!("{what}: not UTF-8")))
}

pub(crate) fn put_u16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn put_f32(out: &mut Vec<u8>, v: f32) {
    put_u32(out, v.to_bits());
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_headers_are_errors() {
        assert_eq!(Model::from_bytes(b"").unwrap_err(), ModelError::Empty);
        assert_eq!(Model::from_bytes(b"NOTAMODEL___").unwrap_err(), ModelError::BadMagic);
        let mut b = MAGIC.to_vec();
        put_u32(&mut b, 99);
        assert_eq!(Model::from_bytes(&b).unwrap_err(), ModelError::Version { found: 99, expected: FORMAT_VERSION });
        let mut b = MAGIC.to_vec();
        put_u32(&mut b, FORMAT_VERSION);
        put_u64(&mut b, 1 << 40);
        assert!(matches!(Model::from_bytes(&b).unwrap_err(), ModelError::Truncated(_) | ModelError::Corrupt(_)));
    }

    #[test]
    fn readers_stop_at_the_end() {
        let mut r: &[u8] = &[1, 2, 3];
        assert_eq!(get_u16(&mut r, "x"), Ok(0x0201));
        assert_eq!(get_u32(&mut r, "y"), Err(ModelError::Truncated("y")));
        let mut b = Vec::new();
        put_u32(&mut b, u32::MAX);
        let mut r: &[u8] = &b;
        assert!(get_str(&mut r, "s").is_err());
    }
}
