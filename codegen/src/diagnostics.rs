//! Errors and warnings, each tied to a place in an input file, and a renderer that shows the
//! offending source line with a caret under the column.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A position in an input file. Lines and columns start at 1; columns count characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file as it was named to (or found by) the loader.
    pub file: Arc<Path>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Location {
    /// A location at the start of `file`, for problems that concern the whole file.
    pub fn file_start(file: &Path) -> Self {
        Location {
            file: Arc::from(file),
            line: 1,
            column: 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// How bad a diagnostic is. Errors stop generation; warnings are reported and generation goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation cannot produce correct bindings.
    Error,
    /// Something was ignored, guessed or degraded; the bindings are still usable.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// What went wrong. One variant per class of problem, so tests and tools can match on it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, thiserror::Error)]
pub enum DiagnosticKind {
    /// A file could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The path that failed.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// The bytes are not in an encoding the loader understands.
    #[error("unsupported or invalid encoding: {0}")]
    Encoding(String),
    /// The file is not well-formed XML.
    #[error("not well-formed XML: {0}")]
    Xml(String),
    /// The root element is neither `wsdl:definitions` nor `xs:schema`.
    #[error("not a WSDL 1.1 or XML Schema document (root element is {0})")]
    NotASchema(String),
    /// A QName value uses a prefix with no namespace declaration in scope.
    #[error("unknown namespace prefix `{prefix}` in `{value}`")]
    UnknownPrefix {
        /// The undeclared prefix.
        prefix: String,
        /// The whole attribute value.
        value: String,
    },
    /// An import, include or redefine whose target cannot be found locally.
    #[error("missing import: {0}")]
    MissingImport(String),
    /// A reference to a component that is not defined anywhere in the loaded files.
    #[error("{kind} `{name}` is not defined")]
    DanglingRef {
        /// What kind of component was expected (`type`, `element`, `binding`, ...).
        kind: &'static str,
        /// The referenced name, as `{namespace}local`.
        name: String,
    },
    /// A construct this generator does not support (XSD 1.1, unknown WSDL extensions...).
    #[error("unsupported construct: {0}")]
    Unsupported(String),
    /// The schema breaks a rule of XSD or WSDL (bad attribute value, misplaced element...).
    #[error("invalid schema: {0}")]
    Invalid(String),
    /// Two components with the same name; the first one is kept.
    #[error("duplicate definition of {kind} `{name}` (the first one, at {first}, is kept)")]
    Duplicate {
        /// Kind of component.
        kind: &'static str,
        /// The duplicated name.
        name: String,
        /// Where the kept definition is.
        first: String,
    },
    /// A deprecated but recognised form (the pre-REC XMLSchema namespace, ...).
    #[error("{0}")]
    Deprecated(String),
}

/// One error or warning at one place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, thiserror::Error)]
#[error("{location}: {severity}: {kind}")]
pub struct Diagnostic {
    /// Where.
    pub location: Location,
    /// Error or warning.
    pub severity: Severity,
    /// What.
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Location, kind: DiagnosticKind) -> Self {
        Diagnostic {
            location,
            severity: Severity::Error,
            kind,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, kind: DiagnosticKind) -> Self {
        Diagnostic {
            location,
            severity: Severity::Warning,
            kind,
        }
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic the way compilers do: the message, the location, the source line
    /// and a caret under the column. Without the source text only the first two are shown.
    pub fn render(&self, sources: &SourceMap) -> String {
        let mut out = format!(
            "{}: {}\n  --> {}\n",
            self.severity, self.kind, self.location
        );
        let line_text = sources.get(&self.location.file).and_then(|text| {
            text.lines()
                .nth(self.location.line.saturating_sub(1) as usize)
        });
        if let Some(line_text) = line_text {
            let number = self.location.line.to_string();
            let pad = " ".repeat(number.len());
            // Tabs keep their width in the caret line so the caret lines up in a terminal.
            let caret_pad: String = line_text
                .chars()
                .take(self.location.column.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!(
                "{pad} |\n{number} | {line_text}\n{pad} | {caret_pad}^\n"
            ));
        }
        out
    }
}

/// The text of every file the loader read, for rendering snippets.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: BTreeMap<PathBuf, Arc<str>>,
}

impl SourceMap {
    /// Records the decoded text of `path`.
    pub fn insert(&mut self, path: &Path, text: Arc<str>) {
        self.files.insert(path.to_path_buf(), text);
    }

    /// The decoded text of `path`, if it was read.
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(|t| &**t)
    }

    /// Every file read, in path order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(PathBuf::as_path)
    }
}

/// A sorted, de-duplicated collection of diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds an error.
    pub fn error(&mut self, location: &Location, kind: DiagnosticKind) {
        self.push(Diagnostic::error(location.clone(), kind));
    }

    /// Adds a warning.
    pub fn warning(&mut self, location: &Location, kind: DiagnosticKind) {
        self.push(Diagnostic::warning(location.clone(), kind));
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by location then severity, without duplicates.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

/// The error type of the public API.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The inputs have errors; every diagnostic (warnings included) is listed.
    #[error("{} error(s) in the schema inputs{}", .diagnostics.iter().filter(|d| d.is_error()).count(), first_error(.diagnostics))]
    Schema {
        /// Errors and warnings, sorted by location.
        diagnostics: Vec<Diagnostic>,
        /// The text of every file read, for [`Diagnostic::render`].
        sources: SourceMap,
    },
    /// Writing output failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A setting is unusable (for example no inputs, or no output directory and no `OUT_DIR`).
    #[error("invalid settings: {0}")]
    Settings(String),
    /// The emitted code failed to parse as Rust; this is a bug in the generator.
    #[error("internal error: generated code for module `{module}` does not parse: {message}")]
    Emit {
        /// The module being emitted.
        module: String,
        /// The parser's message.
        message: String,
    },
}

fn first_error(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| format!("; first: {d}"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_shows_line_and_caret() {
        let mut sources = SourceMap::default();
        let path = Path::new("a.xsd");
        sources.insert(path, Arc::from("<a>\n  <b c='x'/>\n</a>\n"));
        let d = Diagnostic::error(
            Location {
                file: Arc::from(path),
                line: 2,
                column: 3,
            },
            DiagnosticKind::Invalid("bad".into()),
        );
        let text = d.render(&sources);
        assert!(text.contains("error: invalid schema: bad"), "{text}");
        assert!(text.contains("--> a.xsd:2:3"), "{text}");
        assert!(text.contains("2 |   <b c='x'/>"), "{text}");
        assert!(text.contains("  |   ^"), "{text}");
    }
}
