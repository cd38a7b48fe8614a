//! CoNLL-U reading and writing (<https://universaldependencies.org/format.html>).
//!
//! A [`Sentence`] keeps everything a file holds (comments, multiword token ranges, empty nodes) so that
//! writing it back gives the same lines in the same order, with only the predicted columns changed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A malformed CoNLL-U line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    /// 1-based line number in the input.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One syntactic word (a line whose ID is an integer).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    /// FORM.
    pub form: String,
    /// LEMMA (`_` when unknown).
    pub lemma: String,
    /// UPOS (`_` when unknown).
    pub upos: String,
    /// XPOS, the Penn Treebank tag in English treebanks (`_` when unknown).
    pub xpos: String,
    /// FEATS, `Feat=Val|...` sorted by name (`_` when none).
    pub feats: String,
    /// HEAD: 0 for the root, else the 1-based index of the head word; `None` when `_`.
    pub head: Option<usize>,
    /// DEPREL with its subtype (`nsubj:pass`; `_` when unknown).
    pub deprel: String,
    /// DEPS, kept as read.
    pub deps: String,
    /// MISC, kept as read.
    pub misc: String,
}

impl Word {
    /// A word with only its form; every other column `_`.
    pub fn new(form: &str) -> Word {
        let u = "_".to_string();
        Word {
            form: form.to_string(),
            lemma: u.clone(),
            upos: u.clone(),
            xpos: u.clone(),
            feats: u.clone(),
            head: None,
            deprel: u.clone(),
            deps: u.clone(),
            misc: u,
        }
    }
}

/// A multiword token range line (`1-2  don't  _ ...`), kept as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Multiword {
    /// 1-based index of its first word.
    pub first: usize,
    /// 1-based index of its last word.
    pub last: usize,
    /// The whole line.
    pub line: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines (`# text = ...`), without the newline, in order.
    pub comments: Vec<String>,
    /// The syntactic words, in order (word `i` has ID `i + 1`).
    pub words: Vec<Word>,
    /// Multiword token ranges.
    pub multiwords: Vec<Multiword>,
    /// Empty nodes (`8.1`): the number of the word they follow and the whole line.
    pub empty_nodes: Vec<(usize, String)>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let value = rest.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(value.trim())
        })
    }
}

fn err(line: usize, message: impl Into<String>) -> ConlluError {
    ConlluError { line, message: message.into() }
}

fn parse_word(no: usize, expected: usize, cols: &[&str]) -> Result<Word, ConlluError> {
    let id: usize = cols[0].parse().map_err(|_| err(no, format!("bad ID {:?}", cols[0])))?;
    if id != expected {
        return Err(err(no, format!("word ID {id}, expected {expected}")));
    }
    let head = match cols[6] {
        "_" => None,
        h => Some(h.parse().map_err(|_| err(no, format!("bad HEAD {h:?}")))?),
    };
    Ok(Word {
        form: cols[1].to_string(),
        lemma: cols[2].to_string(),
        upos: cols[3].to_string(),
        xpos: cols[4].to_string(),
        feats: cols[5].to_string(),
        head,
        deprel: cols[7].to_string(),
        deps: cols[8].to_string(),
        misc: cols[9].to_string(),
    })
}

fn range_of(no: usize, id: &str) -> Result<(usize, usize), ConlluError> {
    let (a, b) = id.split_once('-').ok_or_else(|| err(no, "bad range"))?;
    let a = a.parse().map_err(|_| err(no, format!("bad range {id:?}")))?;
    let b = b.parse().map_err(|_| err(no, format!("bad range {id:?}")))?;
    Ok((a, b))
}

/// Reads every sentence of a CoNLL-U text. Heads are checked to point inside their sentence.
pub fn read_conllu(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut started = false;
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if started {
                check_heads(&cur, no)?;
                out.push(std::mem::take(&mut cur));
                started = false;
            }
            continue;
        }
        started = true;
        if line.starts_with('#') {
            cur.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(no, format!("{} columns, expected 10", cols.len())));
        }
        if cols[0].contains('-') {
            let (first, last) = range_of(no, cols[0])?;
            cur.multiwords.push(Multiword { first, last, line: line.to_string() });
        } else if cols[0].contains('.') {
            cur.empty_nodes.push((cur.words.len(), line.to_string()));
        } else {
            cur.words.push(parse_word(no, cur.words.len() + 1, &cols)?);
        }
    }
    if started {
        check_heads(&cur, text.lines().count())?;
        out.push(cur);
    }
    Ok(out)
}

/// Why a treebank file could not be found or read.
#[derive(Debug, thiserror::Error)]
pub enum TreebankError {
    /// A folder or file could not be read.
    #[error("reading {}", path.display())]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The folder has no file of the asked part.
    #[error("no *{suffix} file in {}", dir.display())]
    Missing {
        /// The treebank folder.
        dir: PathBuf,
        /// The file-name ending looked for (`-ud-dev.conllu`).
        suffix: String,
    },
    /// A file is not valid CoNLL-U.
    #[error("{}", path.display())]
    Conllu {
        /// The file.
        path: PathBuf,
        /// The malformed line.
        source: ConlluError,
    },
}

/// The file of a UD treebank folder for `part` (`train`, `dev`, `test`): the first, by name, ending in
/// `-ud-{part}.conllu`.
pub fn treebank_file(dir: &Path, part: &str) -> Result<PathBuf, TreebankError> {
    let suffix = format!("-ud-{part}.conllu");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| TreebankError::Io { path: dir.to_path_buf(), source })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(&suffix)))
        .collect();
    found.sort();
    found.into_iter().next().ok_or_else(|| TreebankError::Missing { dir: dir.to_path_buf(), suffix })
}

/// Reads the sentences of a CoNLL-U file ([`read_conllu`] over its text).
pub fn read_conllu_file(path: &Path) -> Result<Vec<Sentence>, TreebankError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| TreebankError::Io { path: path.to_path_buf(), source })?;
    read_conllu(&text).map_err(|source| TreebankError::Conllu { path: path.to_path_buf(), source })
}

fn check_heads(s: &Sentence, no: usize) -> Result<(), ConlluError> {
    match s.words.iter().find(|w| w.head.is_some_and(|h| h > s.words.len())) {
        Some(w) => Err(err(no, format!("head of {:?} outside its sentence", w.form))),
        None => Ok(()),
    }
}

/// Writes sentences as CoNLL-U: comments, then each word preceded by the multiword ranges that start at it and
/// followed by the empty nodes after it; a blank line ends each sentence.
pub fn write_conllu(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        for c in &s.comments {
            out.push_str(c);
            out.push('\n');
        }
        for (_, line) in s.empty_nodes.iter().filter(|(after, _)| *after == 0) {
            out.push_str(line);
            out.push('\n');
        }
        for (i, w) in s.words.iter().enumerate() {
            for m in s.multiwords.iter().filter(|m| m.first == i + 1) {
                out.push_str(&m.line);
                out.push('\n');
            }
            let head = w.head.map_or("_".to_string(), |h| h.to_string());
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.xpos,
                w.feats,
                head,
                w.deprel,
                w.deps,
                w.misc
            );
            for (_, line) in s.empty_nodes.iter().filter(|(after, _)| *after == i + 1) {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = "# sent_id = a\n# text = I don't.\n1\tI\tI\tPRON\tPRP\tCase=Nom\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\t_\n\
3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t3:conj\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn round_trip() {
        let s = read_conllu(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].words[2].head, Some(0));
        assert_eq!(s[0].comment("text"), Some("I don't."));
        assert_eq!(write_conllu(&s), SAMPLE);
    }

    #[test]
    fn treebank_files_are_found_and_read() {
        let dir = std::env::temp_dir().join(format!("dyad-syntax-treebank-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("xx-ud-dev.conllu"), SAMPLE).unwrap();
        std::fs::write(dir.join("xx-ud-test.conllu"), "1\ta\n").unwrap();
        let dev = treebank_file(&dir, "dev").unwrap();
        assert_eq!(read_conllu_file(&dev).unwrap().len(), 1);
        let e = read_conllu_file(&treebank_file(&dir, "test").unwrap()).unwrap_err();
        assert!(
            matches!(&e, TreebankError::Conllu { path, source } if path.ends_with("xx-ud-test.conllu") && source.line == 1)
        );
        let e = treebank_file(&dir, "train").unwrap_err();
        assert!(e.to_string().starts_with("no *-ud-train.conllu file in "), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn errors_name_the_line() {
        let e = read_conllu("1\ta\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = read_conllu("1\ta\ta\tX\tX\t_\t5\tdep\t_\t_\n\n").unwrap_err();
        assert!(e.message.contains("outside"), "{e}");
    }

    proptest! {
        #[test]
        fn never_panics(s in "[0-9a-z\\t\\n#.\\-_]{0,200}") {
            let _ = read_conllu(&s);
        }
    }
}
