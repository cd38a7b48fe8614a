//! The model file: one binary file of named sections: the tagger, the perceptron parser and the biaffine parser.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! magic    8 bytes  "DYADSYN\0"
//! version  u32      FORMAT_VERSION (2)
//! count    u32      number of sections (each name at most once)
//! section  u8 name length, the name (`tagger`, `parser` or `nn`), u64 length, then that many bytes
//! ```
//!
//! `tagger` is required, `parser` (the perceptron parser, [`Model`]) and `nn` (the biaffine parser's f16 weights,
//! [`crate::biaffine::NnParser`]) are optional. Each section's bytes are private to the module that writes them;
//! the container only names and bounds them ([`ModelFile`]), so a section can be read, replaced or dropped without
//! reading the others. Every length is checked against the bytes left: a truncated or damaged file is an error.
//! Version 1 files (a length-prefixed tagger, then a parser flag and the parser to the end; no `nn`) still read.

use crate::parser::Parser;
use crate::tagger::Tagger;

/// The first eight bytes of every model file.
pub const MAGIC: &[u8; 8] = b"DYADSYN\0";
/// The layout version this build writes (it also reads version 1).
pub const FORMAT_VERSION: u32 = 2;

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
    #[error("model layout version {found}, this build reads versions 1 to {expected}")]
    Version {
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        expected: u32,
    },
    /// The bytes end before a section does.
    #[error("model truncated while reading {0}")]
    Truncated(&'static str),
    /// A section holds an impossible value.
    #[error("corrupt model: {0}")]
    Corrupt(String),
    /// A section that the reader needs is not in the file: the tagger, which every model file has. A file with no
    /// `nn` section is a model file all the same; the nn parser reports it as
    /// [`crate::biaffine::BiaffineError::NoNnSection`], with how to add one.
    #[error("the model file has no {0} section")]
    Missing(&'static str),
}

/// A section of the model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The tagger, features and lemmatiser (required).
    Tagger,
    /// The perceptron dependency parser.
    Parser,
    /// The biaffine parser's weights and vocabulary ([`crate::biaffine::NnParser::from_bytes`]'s bytes).
    Nn,
}

impl Section {
    /// Every section, in the order they are written.
    pub const ALL: [Section; 3] = [Section::Tagger, Section::Parser, Section::Nn];

    /// The name written in the file.
    pub fn name(self) -> &'static str {
        match self {
            Section::Tagger => "tagger",
            Section::Parser => "parser",
            Section::Nn => "nn",
        }
    }
}

/// The sections of a model file, borrowed from its bytes: read ([`ModelFile::read`]), replace ([`ModelFile::set`])
/// and write ([`ModelFile::to_bytes`]) sections without decoding them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelFile<'a> {
    parts: [Option<&'a [u8]>; 3],
}

impl<'a> ModelFile<'a> {
    /// Reads the header and the section table of a model file (version 1 or 2).
    pub fn read(bytes: &'a [u8]) -> Result<ModelFile<'a>, ModelError> {
        if bytes.is_empty() {
            return Err(ModelError::Empty);
        }
        let mut r = bytes;
        if take(&mut r, 8, "magic")? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let mut file = ModelFile::default();
        match get_u32(&mut r, "version")? {
            1 => {
                let len = get_u64(&mut r, "tagger length")?;
                file.set(Section::Tagger, Some(take(&mut r, to_usize(len, "tagger length")?, "tagger")?));
                match get_u8(&mut r, "parser flag")? {
                    0 if r.is_empty() => {}
                    0 => return Err(ModelError::Corrupt(format!("{} bytes after the last section", r.len()))),
                    1 => file.set(Section::Parser, Some(r)),
                    f => return Err(ModelError::Corrupt(format!("parser flag {f}"))),
                }
                return Ok(file);
            }
            FORMAT_VERSION => {}
            found => return Err(ModelError::Version { found, expected: FORMAT_VERSION }),
        }
        let count = get_u32(&mut r, "section count")?;
        if count as usize > Section::ALL.len() {
            return Err(ModelError::Corrupt(format!("{count} sections")));
        }
        for _ in 0..count {
            let n = get_u8(&mut r, "section name")?;
            let name = take(&mut r, n.into(), "section name")?;
            let section = Section::ALL
                .into_iter()
                .find(|s| s.name().as_bytes() == name)
                .ok_or_else(|| ModelError::Corrupt(format!("unknown section {:?}", String::from_utf8_lossy(name))))?;
            if file.get(section).is_some() {
                return Err(ModelError::Corrupt(format!("two {} sections", section.name())));
            }
            let len = get_u64(&mut r, section.name())?;
            file.set(section, Some(take(&mut r, to_usize(len, section.name())?, section.name())?));
        }
        if !r.is_empty() {
            return Err(ModelError::Corrupt(format!("{} bytes after the last section", r.len())));
        }
        Ok(file)
    }

    /// The bytes of a section, when the file has it.
    pub fn get(&self, section: Section) -> Option<&'a [u8]> {
        self.parts[section as usize]
    }

    /// Puts `bytes` in as `section` (replacing it), or with `None` drops the section.
    pub fn set(&mut self, section: Section, bytes: Option<&'a [u8]>) {
        self.parts[section as usize] = bytes;
    }

    /// The bytes of a version-2 model file holding these sections (in the order of [`Section::ALL`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let present: Vec<(Section, &[u8])> = Section::ALL.into_iter().filter_map(|s| Some((s, self.get(s)?))).collect();
        let mut out = Vec::with_capacity(16 + present.iter().map(|(_, b)| 16 + b.len()).sum::<usize>());
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, FORMAT_VERSION);
        put_u32(&mut out, present.len() as u32);
        for (section, bytes) in present {
            out.push(section.name().len() as u8);
            out.extend_from_slice(section.name().as_bytes());
            put_u64(&mut out, bytes.len() as u64);
            out.extend_from_slice(bytes);
        }
        out
    }
}

fn to_usize(len: u64, what: &'static str) -> Result<usize, ModelError> {
    usize::try_from(len).map_err(|_| ModelError::Truncated(what))
}

/// The tagger and, when trained, the parser.
#[derive(Debug, Clone)]
pub struct Model {
    /// The part-of-speech tagger, features and lemmatiser.
    pub tagger: Tagger,
    /// The dependency parser, when the model has one.
    pub(crate) parser: Option<Parser>,
}

/// The model file of this build (`data/syntax.model`), embedded at build time.
static EMBEDDED: &[u8] = include_bytes!("../../../data/syntax.model");

impl Model {
    /// A model with a tagger and no parser.
    pub fn new(tagger: Tagger) -> Model {
        Model { tagger, parser: None }
    }

    /// The bytes of the model file embedded in this build (`data/syntax.model`, all its sections).
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

    /// Reads the tagger and the perceptron parser of a model file (an `nn` section is left for
    /// [`crate::biaffine::NnParser::from_model_file`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let file = ModelFile::read(bytes)?;
        let mut section = file.get(Section::Tagger).ok_or(ModelError::Missing("tagger"))?;
        let tagger = Tagger::read_from(&mut section)?;
        if !section.is_empty() {
            return Err(ModelError::Corrupt(format!("{} bytes after the tagger section", section.len())));
        }
        let parser = match file.get(Section::Parser) {
            None => None,
            Some(mut section) => {
                let parser = Parser::read_from(&mut section)?;
                if !section.is_empty() {
                    return Err(ModelError::Corrupt(format!("{} bytes after the parser section", section.len())));
                }
                Some(parser)
            }
        };
        Ok(Model { tagger, parser })
    }

    /// The bytes of a model file holding this model (no `nn` section).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_bytes_with_nn(None)
    }

    /// The bytes of a model file holding this model and, when given, `nn` as its `nn` section (the bytes of
    /// [`crate::biaffine::NnParser::from_bytes`], e.g. another file's section from [`ModelFile::get`]).
    pub fn to_bytes_with_nn(&self, nn: Option<&[u8]>) -> Vec<u8> {
        let mut tagger = Vec::new();
        self.tagger.write_to(&mut tagger);
        let mut parser = Vec::new();
        if let Some(p) = &self.parser {
            p.write_to(&mut parser);
        }
        let mut file = ModelFile::default();
        file.set(Section::Tagger, Some(&tagger));
        file.set(Section::Parser, self.parser.as_ref().map(|_| parser.as_slice()));
        file.set(Section::Nn, nn);
        file.to_bytes()
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
    use proptest::prelude::*;

    /// A version-2 file from raw (name, bytes) pairs, valid or not.
    fn raw_file(version: u32, sections: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = MAGIC.to_vec();
        put_u32(&mut b, version);
        put_u32(&mut b, sections.len() as u32);
        for (name, bytes) in sections {
            b.push(name.len() as u8);
            b.extend_from_slice(name.as_bytes());
            put_u64(&mut b, bytes.len() as u64);
            b.extend_from_slice(bytes);
        }
        b
    }

    #[test]
    fn bad_headers_are_errors() {
        assert_eq!(Model::from_bytes(b"").unwrap_err(), ModelError::Empty);
        assert_eq!(Model::from_bytes(b"NOTAMODEL___").unwrap_err(), ModelError::BadMagic);
        let mut b = MAGIC.to_vec();
        put_u32(&mut b, 99);
        assert_eq!(Model::from_bytes(&b).unwrap_err(), ModelError::Version { found: 99, expected: FORMAT_VERSION });
        let mut b = MAGIC.to_vec();
        put_u32(&mut b, 1);
        put_u64(&mut b, 1 << 40);
        assert_eq!(Model::from_bytes(&b).unwrap_err(), ModelError::Truncated("tagger"));
    }

    #[test]
    fn sections_are_named_bounded_and_replaceable() {
        let bytes = raw_file(2, &[("tagger", b"abc"), ("nn", b"xy")]);
        let mut file = ModelFile::read(&bytes).unwrap();
        assert_eq!(file.get(Section::Tagger), Some(&b"abc"[..]));
        assert_eq!((file.get(Section::Parser), file.get(Section::Nn)), (None, Some(&b"xy"[..])));
        assert_eq!(file.to_bytes(), bytes, "written back unchanged");
        file.set(Section::Nn, Some(b"new nn"));
        file.set(Section::Parser, Some(b"p"));
        let again = file.to_bytes();
        let read = ModelFile::read(&again).unwrap();
        assert_eq!(read, file);
        assert_eq!(again, raw_file(2, &[("tagger", b"abc"), ("parser", b"p"), ("nn", b"new nn")]), "fixed order");
        file.set(Section::Nn, None);
        assert_eq!(ModelFile::read(&file.to_bytes()).unwrap().get(Section::Nn), None);
    }

    #[test]
    fn damaged_tables_are_errors() {
        let corrupt = |b: &[u8]| matches!(ModelFile::read(b), Err(ModelError::Corrupt(_)));
        assert!(corrupt(&raw_file(2, &[("tagger", b"a"), ("tagger", b"b")])), "duplicate");
        assert!(corrupt(&raw_file(2, &[("tagger", b"a"), ("lemmas", b"b")])), "unknown name");
        let mut extra = raw_file(2, &[("tagger", b"a")]);
        extra.push(0);
        assert!(corrupt(&extra), "trailing byte");
        let mut many = MAGIC.to_vec();
        put_u32(&mut many, 2);
        put_u32(&mut many, u32::MAX);
        assert!(corrupt(&many), "section count");
        let mut long = raw_file(2, &[("nn", b"abc")]);
        let at = long.len() - 3 - 8;
        long[at..at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(ModelFile::read(&long), Err(ModelError::Truncated("nn")));
        let no_tagger = raw_file(2, &[("nn", b"abc")]);
        assert_eq!(Model::from_bytes(&no_tagger).unwrap_err(), ModelError::Missing("tagger"));
        assert_eq!(ModelError::Missing("tagger").to_string(), "the model file has no tagger section");
    }

    #[test]
    fn version_1_files_still_read() {
        let model = Model::from_bytes(&crate::tests::MODEL).unwrap();
        let file = ModelFile::read(&crate::tests::MODEL).unwrap();
        let (tagger, parser) = (file.get(Section::Tagger).unwrap(), file.get(Section::Parser).unwrap());
        let mut v1 = MAGIC.to_vec();
        put_u32(&mut v1, 1);
        put_u64(&mut v1, tagger.len() as u64);
        v1.extend_from_slice(tagger);
        v1.push(1);
        v1.extend_from_slice(parser);
        let old = ModelFile::read(&v1).unwrap();
        assert_eq!(old, file, "the same sections");
        assert_eq!(Model::from_bytes(&v1).unwrap().to_bytes(), model.to_bytes());
        // Without a parser; and a flag or bytes that do not fit.
        let cut = v1.len() - parser.len() - 1;
        let mut no_parser = v1[..cut].to_vec();
        no_parser.push(0);
        assert!(!Model::from_bytes(&no_parser).unwrap().has_parser());
        no_parser.push(7);
        assert!(matches!(Model::from_bytes(&no_parser), Err(ModelError::Corrupt(_))));
        v1[cut] = 2;
        assert_eq!(Model::from_bytes(&v1).unwrap_err(), ModelError::Corrupt("parser flag 2".into()));
    }

    #[test]
    fn the_nn_section_travels_with_the_model() {
        let model = Model::from_bytes(&crate::tests::MODEL).unwrap();
        let with = model.to_bytes_with_nn(Some(b"weights"));
        assert_eq!(ModelFile::read(&with).unwrap().get(Section::Nn), Some(&b"weights"[..]));
        assert_eq!(Model::from_bytes(&with).unwrap().to_bytes(), *crate::tests::MODEL, "nn left for its reader");
        assert_eq!(ModelFile::read(&crate::tests::MODEL).unwrap().get(Section::Nn), None);
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

    proptest! {
        #[test]
        fn any_bytes_never_panic(mut bytes in proptest::collection::vec(any::<u8>(), 0..300), header in 0u8..4) {
            // Half the cases start with a valid header so that the section table is reached.
            if header > 0 {
                let mut b = MAGIC.to_vec();
                put_u32(&mut b, u32::from(header));
                b.extend_from_slice(&bytes);
                bytes = b;
            }
            let _ = ModelFile::read(&bytes);
            let _ = Model::from_bytes(&bytes);
            let _ = crate::biaffine::NnParser::from_model_file(&bytes);
        }

        #[test]
        fn random_sections_in_a_valid_layout_never_panic(
            sections in proptest::collection::vec(proptest::option::of(proptest::collection::vec(any::<u8>(), 0..200)), 3),
        ) {
            // A valid header and section table, so that each section's own reader gets random bytes.
            let mut file = ModelFile::default();
            for (section, bytes) in Section::ALL.into_iter().zip(&sections) {
                file.set(section, bytes.as_deref());
            }
            let bytes = file.to_bytes();
            prop_assert_eq!(ModelFile::read(&bytes).map(|f| f.get(Section::Tagger)), Ok(sections[0].as_deref()));
            let _ = Model::from_bytes(&bytes);
            let _ = crate::biaffine::NnParser::from_model_file(&bytes);
        }

        #[test]
        fn a_changed_byte_in_a_real_section_never_panics(section in 0usize..3, at in any::<usize>(), byte in any::<u8>()) {
            // The test model's tagger and parser and a small nn section, one byte of one of them replaced, so that
            // the readers get past the first fields.
            let real = ModelFile::read(&crate::tests::MODEL).unwrap();
            let nn = b"dyad-biaffine 1\nnot weights".to_vec();
            let mut parts: Vec<Vec<u8>> =
                vec![real.get(Section::Tagger).unwrap().to_vec(), real.get(Section::Parser).unwrap_or(&[]).to_vec(), nn];
            let part = &mut parts[section];
            if !part.is_empty() {
                let i = at % part.len();
                part[i] = byte;
            }
            let mut file = ModelFile::default();
            for (s, bytes) in Section::ALL.into_iter().zip(&parts) {
                file.set(s, Some(bytes.as_slice()));
            }
            let bytes = file.to_bytes();
            let _ = Model::from_bytes(&bytes);
            let _ = crate::biaffine::NnParser::from_model_file(&bytes);
        }

        #[test]
        fn every_cut_of_a_file_is_an_error(cut in 0usize..100_000) {
            let with = Model::from_bytes(&crate::tests::MODEL).unwrap().to_bytes_with_nn(Some(b"nn weights"));
            let cut = cut % with.len();
            prop_assert!(ModelFile::read(&with[..cut]).is_err());
            prop_assert!(Model::from_bytes(&with[..cut]).is_err());
        }
    }
}
