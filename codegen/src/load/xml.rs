//! An owned XML element tree with namespaces resolved and a source location on every element.
//!
//! roxmltree borrows the text it parses; the loader keeps documents around for several passes
//! (chameleon includes reuse one file under several namespaces), so the tree is copied into
//! plain owned data once, right after parsing.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, DiagnosticKind, Location};

/// The XML Schema namespace.
pub const XS: &str = "http://www.w3.org/2001/XMLSchema";
/// Pre-Recommendation XML Schema namespaces, aliased to [`XS`] with a warning.
pub const XS_OLD: [&str; 2] = [
    "http://www.w3.org/2000/10/XMLSchema",
    "http://www.w3.org/1999/XMLSchema",
];
/// The `xml:` namespace.
pub const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// In-scope namespace declarations: `(prefix, uri)`, the default namespace has prefix `""`.
pub type Scope = Arc<Vec<(String, String)>>;

/// One element.
#[derive(Debug, Clone)]
pub struct Element {
    /// Namespace URI (`""` when none).
    pub ns: String,
    /// Local name.
    pub local: String,
    /// Attributes in document order.
    pub attrs: Vec<Attribute>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// Concatenated text of the direct text children.
    pub text: String,
    /// Namespace declarations in scope at this element.
    pub scope: Scope,
    /// Where the start tag begins.
    pub loc: Location,
}

/// One attribute.
#[derive(Debug, Clone)]
pub struct Attribute {
    /// Namespace URI (`""` for unqualified attributes).
    pub ns: String,
    /// Local name.
    pub local: String,
    /// Value, with entities expanded.
    pub value: String,
}

impl Element {
    /// Whether this element is `{ns}local`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// An unqualified attribute's value.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_empty() && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// A namespace-qualified attribute's value.
    pub fn attr_ns(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == ns && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// Child elements in namespace `ns`.
    pub fn children_in<'a>(&'a self, ns: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.ns == ns)
    }

    /// The namespace bound to `prefix` here.
    pub fn lookup_prefix(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML);
        }
        self.scope
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.as_str())
    }

    /// Resolves a QName-valued attribute (`tns:Foo`) to `(namespace, local)`.
    pub fn resolve_qname(&self, value: &str) -> Result<(String, String), DiagnosticKind> {
        let value = value.trim();
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", value),
        };
        match self.lookup_prefix(prefix) {
            Some(ns) => Ok((alias_ns(ns).to_string(), local.to_string())),
            // An unprefixed name with no default namespace is in no namespace.
            None if prefix.is_empty() => Ok((String::new(), local.to_string())),
            None => Err(DiagnosticKind::UnknownPrefix {
                prefix: prefix.to_string(),
                value: value.to_string(),
            }),
        }
    }

    /// All text below this element, child elements included (for xs:documentation, which may
    /// hold XHTML).
    pub fn deep_text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        out.push_str(&self.text);
        for c in &self.children {
            c.collect_text(out);
        }
    }
}

/// Maps the pre-REC XMLSchema namespaces onto the REC one.
pub fn alias_ns(ns: &str) -> &str {
    if XS_OLD.contains(&ns) { XS } else { ns }
}

/// Decodes raw bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and the Latin-1
/// family named in the XML declaration.
pub fn decode(bytes: &[u8]) -> Result<String, DiagnosticKind> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        return String::from_utf16(&units)
            .map_err(|e| DiagnosticKind::Encoding(format!("invalid UTF-16: {e}")));
    }
    let encoding = declared_encoding(bytes).unwrap_or_default();
    match encoding.as_str() {
        "" | "utf-8" | "utf8" => utf8(bytes),
        "us-ascii" | "ascii" | "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "latin-1"
        | "l1" => Ok(bytes.iter().map(|&b| char::from(b)).collect()),
        "windows-1252" | "cp1252" => Ok(bytes.iter().map(|&b| cp1252(b)).collect()),
        other => Err(DiagnosticKind::Encoding(format!(
            "the XML declaration names `{other}`; supported: UTF-8, UTF-16 (with BOM), ISO-8859-1, windows-1252"
        ))),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, DiagnosticKind> {
    String::from_utf8(bytes.to_vec())
        .map_err(|e| DiagnosticKind::Encoding(format!("invalid UTF-8: {e}")))
}

fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(200)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = String::from_utf8_lossy(&head[..end]);
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next()?;
    let rest = &rest[1..];
    let value = &rest[..rest.find(quote)?];
    Some(value.to_ascii_lowercase())
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}',
        '\u{017D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}',
        '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}',
        '\u{9D}', '\u{017E}', '\u{0178}',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH[usize::from(b - 0x80)]
    } else {
        char::from(b)
    }
}

/// Byte offsets of line starts, for turning roxmltree's byte positions into line:column.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    fn location(&self, file: &Arc<Path>, pos: usize) -> Location {
        let line = self.starts.partition_point(|&s| s <= pos).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..pos)
            .map_or(1, |s| s.chars().count() + 1);
        Location {
            file: file.clone(),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

/// Parses `text` (the decoded content of `file`) into an owned tree. Warnings (the pre-REC
/// XMLSchema namespace) are appended to `warnings`.
pub fn parse(
    file: &Arc<Path>,
    text: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Element, Diagnostic> {
    let options = roxmltree::ParsingOptions {
        // Schema files (W3C's xml.xsd, XMLSchema.xsd) carry DOCTYPEs; they are trusted local
        // build inputs, not network messages, and roxmltree never fetches external subsets.
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        Diagnostic::error(
            Location {
                file: file.clone(),
                line: pos.row,
                column: pos.col,
            },
            DiagnosticKind::Xml(e.to_string()),
        )
    })?;
    let lines = Lines::new(text);
    let root = doc.root_element();
    if let Some(deep) = root
        .descendants()
        .find(|n| n.is_element() && n.ancestors().count() > MAX_DEPTH)
    {
        // The later passes recurse over the tree; refuse before they could exhaust the stack.
        return Err(Diagnostic::error(
            lines.location(file, deep.range().start),
            DiagnosticKind::Invalid(format!("elements are nested more than {MAX_DEPTH} deep")),
        ));
    }
    let mut old_ns_warned = false;
    Ok(convert(
        root,
        file,
        &lines,
        &Arc::new(Vec::new()),
        warnings,
        &mut old_ns_warned,
    ))
}

/// Deepest element nesting accepted in a schema or WSDL file (real ones stay below 40).
pub const MAX_DEPTH: usize = 200;

fn convert(
    node: roxmltree::Node<'_, '_>,
    file: &Arc<Path>,
    lines: &Lines<'_>,
    parent_scope: &Scope,
    warnings: &mut Vec<Diagnostic>,
    old_ns_warned: &mut bool,
) -> Element {
    let loc = lines.location(file, node.range().start);
    let mut declared: Vec<(String, String)> = node
        .namespaces()
        .map(|n| (n.name().unwrap_or("").to_string(), n.uri().to_string()))
        .collect();
    declared.sort();
    let mut parent_sorted = (**parent_scope).clone();
    parent_sorted.sort();
    // roxmltree reports every in-scope namespace; share the parent's list when nothing changed
    // so large files do not hold one copy per element.
    let scope = if declared == parent_sorted {
        parent_scope.clone()
    } else {
        Arc::new(declared)
    };
    let raw_ns = node.tag_name().namespace().unwrap_or("");
    if XS_OLD.contains(&raw_ns) && !*old_ns_warned {
        *old_ns_warned = true;
        warnings.push(Diagnostic::warning(
            loc.clone(),
            DiagnosticKind::Deprecated(format!(
                "pre-Recommendation XML Schema namespace `{raw_ns}` is treated as `{XS}`"
            )),
        ));
    }
    let attrs = node
        .attributes()
        .map(|a| Attribute {
            ns: alias_ns(a.namespace().unwrap_or("")).to_string(),
            local: a.name().to_string(),
            value: a.value().to_string(),
        })
        .collect();
    let mut text = String::new();
    let mut children = Vec::new();
    for child in node.children() {
        if child.is_element() {
            children.push(convert(child, file, lines, &scope, warnings, old_ns_warned));
        } else if child.is_text() {
            text.push_str(child.text().unwrap_or(""));
        }
    }
    Element {
        ns: alias_ns(raw_ns).to_string(),
        local: node.tag_name().name().to_string(),
        attrs,
        children,
        text,
        scope,
        loc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_transcoded() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xE9</a>";
        let text = decode(bytes).unwrap();
        assert!(text.ends_with("<a>caf\u{e9}</a>"));
    }

    #[test]
    fn unknown_encoding_is_reported() {
        let bytes = b"<?xml version='1.0' encoding='EUC-JP'?><a/>";
        assert!(matches!(decode(bytes), Err(DiagnosticKind::Encoding(_))));
    }

    #[test]
    fn positions_are_line_and_column() {
        let file: Arc<Path> = Arc::from(Path::new("t.xml"));
        let mut w = Vec::new();
        let root = parse(&file, "<a>\n  <b/>\n</a>", &mut w).unwrap();
        assert_eq!(
            (root.children[0].loc.line, root.children[0].loc.column),
            (2, 3)
        );
    }

    #[test]
    fn hostile_nesting_is_refused() {
        let file: Arc<Path> = Arc::from(Path::new("deep.xml"));
        let text = format!("{}{}", "<a>".repeat(5000), "</a>".repeat(5000));
        let err = parse(&file, &text, &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("nested more than"), "{err}");
        assert_eq!(err.location.line, 1);
    }

    #[test]
    fn old_schema_namespace_is_aliased_with_a_warning() {
        let file: Arc<Path> = Arc::from(Path::new("t.xml"));
        let mut w = Vec::new();
        let root = parse(
            &file,
            "<s:schema xmlns:s='http://www.w3.org/2000/10/XMLSchema'/>",
            &mut w,
        )
        .unwrap();
        assert_eq!(root.ns, XS);
        assert_eq!(w.len(), 1);
        assert_eq!(root.resolve_qname("s:string").unwrap().0, XS);
    }
}
