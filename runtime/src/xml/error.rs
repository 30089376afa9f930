//! Errors of the XML reader and writer.

use std::fmt;

use super::text::ValueError;

/// Why a document could not be decoded, with where: the element path and the line and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DecodeError {
    /// What went wrong.
    pub kind: DecodeErrorKind,
    /// The element path, e.g. `/Envelope/Body/Response/Item[2]/Id`; `/` for the prolog.
    pub path: String,
    /// 1-based line of the offending position.
    pub line: u32,
    /// 1-based column (in characters) of the offending position.
    pub column: u32,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {} (line {}, column {})",
            self.kind, self.path, self.line, self.column
        )
    }
}

/// Which limit of [`Limits`](super::Limits) a document exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// [`Limits::max_document_size`](super::Limits::max_document_size).
    DocumentSize,
    /// [`Limits::max_depth`](super::Limits::max_depth).
    Depth,
    /// [`Limits::max_attributes`](super::Limits::max_attributes).
    Attributes,
    /// [`Limits::max_text_len`](super::Limits::max_text_len).
    TextLength,
    /// [`Limits::max_name_len`](super::Limits::max_name_len).
    NameLength,
}

impl fmt::Display for LimitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::DocumentSize => "document size",
            Self::Depth => "element depth",
            Self::Attributes => "attributes per element",
            Self::TextLength => "text length",
            Self::NameLength => "name length",
        })
    }
}

/// The kinds of [`DecodeError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The bytes are not well-formed XML.
    #[error("malformed XML: {0}")]
    Syntax(&'static str),
    /// The document is not UTF-8.
    #[error("document is not valid UTF-8")]
    Utf8,
    /// A character XML 1.0 does not allow in a document (most C0 controls, U+FFFE, U+FFFF).
    #[error("character {0} is not allowed in XML 1.0")]
    IllegalChar(String),
    /// The document carries a `<!DOCTYPE`: refused, so entity expansion attacks cannot start.
    #[error("document type declarations (<!DOCTYPE) are not allowed")]
    Dtd,
    /// An entity reference other than the five predefined ones and character references.
    #[error(
        "undefined entity reference `&{0};` (only &lt; &gt; &amp; &quot; &apos; and character references are allowed)"
    )]
    Entity(String),
    /// A namespace prefix with no declaration in scope.
    #[error("undeclared namespace prefix `{0}`")]
    UndeclaredPrefix(String),
    /// The end tag does not match the open element.
    #[error("end tag </{found}> does not match <{expected}>")]
    MismatchedEnd {
        /// The open element's qualified name.
        expected: String,
        /// The end tag's qualified name.
        found: String,
    },
    /// The same attribute twice on one element.
    #[error("duplicate attribute {0}")]
    DuplicateAttribute(String),
    /// A hostile-input limit was exceeded.
    #[error("{kind} limit of {limit} exceeded")]
    Limit {
        /// Which limit.
        kind: LimitKind,
        /// Its configured value.
        limit: usize,
    },
    /// The root element is not the expected one.
    #[error("expected root element {expected}, found {found}")]
    WrongRoot {
        /// The expected name, `{ns}local`.
        expected: String,
        /// The name found.
        found: String,
    },
    /// A child element the type does not know (strict mode).
    #[error("unexpected element {0}")]
    UnexpectedElement(String),
    /// An attribute the type does not know (strict mode).
    #[error("unexpected attribute {0}")]
    UnexpectedAttribute(String),
    /// Character data where only elements are allowed (strict mode).
    #[error("unexpected text {0:?} in element-only content")]
    UnexpectedText(String),
    /// A child element inside simple content.
    #[error("element {0} not allowed in simple content")]
    ChildInSimpleContent(String),
    /// A required element is absent.
    #[error("missing required element {0}")]
    MissingElement(String),
    /// A required attribute is absent.
    #[error("missing required attribute {0}")]
    MissingAttribute(String),
    /// A required choice has none of its alternatives.
    #[error("missing required choice: expected one of {0}")]
    MissingChoice(String),
    /// A known element before one that precedes it in the schema (strict mode).
    #[error("element {0} is out of schema order")]
    OutOfOrder(String),
    /// A single-valued element occurs twice.
    #[error("element {0} occurs more than once")]
    DuplicateElement(String),
    /// Text of an element does not fit its type.
    #[error("{0}")]
    Value(ValueError),
    /// An attribute value does not fit its type.
    #[error("attribute {name}: {error}")]
    AttributeValue {
        /// The attribute name.
        name: String,
        /// What is wrong with the value.
        error: ValueError,
    },
    /// A value differs from the schema's fixed value.
    #[error("value {found:?} differs from the fixed value {fixed:?}")]
    Fixed {
        /// The fixed value.
        fixed: String,
        /// The value found.
        found: String,
    },
    /// `xsi:type` names a type the polymorphic enum does not know (strict mode).
    #[error("unknown xsi:type {0}")]
    UnknownType(String),
    /// No `xsi:type` on an element whose type is abstract.
    #[error("xsi:type is required: {0} is abstract")]
    AbstractType(String),
    /// `xsi:nil="true"` on an element that has content or is not nillable.
    #[error("invalid xsi:nil: {0}")]
    Nil(&'static str),
    /// Other errors raised by code built on the reader (envelopes, hand-written types).
    #[error("{0}")]
    Custom(String),
}

/// Why a value could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// A string holds a character XML 1.0 cannot carry (most C0 controls, U+FFFE, U+FFFF).
    #[error("character U+{code:04X} cannot be represented in XML 1.0 (in {context})")]
    IllegalChar {
        /// The code point.
        code: u32,
        /// Where: `text`, `attribute value`, `name`.
        context: &'static str,
    },
    /// The writer was used out of order (e.g. an attribute after content).
    #[error("writer misuse: {0}")]
    State(&'static str),
    /// A value that cannot be written (e.g. an empty choice).
    #[error("{0}")]
    Invalid(String),
    /// The output sink failed.
    #[error("I/O error: {0}")]
    Io(String),
}
