//! `soapenc:arrayType` (SOAP 1.1 section 5.4.2): the item type of an encoded array, a
//! namespace-qualified name, followed by its dimensions.
//!
//! The value is held resolved (namespace URI, not prefix) so a document written fresh declares
//! the namespace of the item type itself, as for `xs:QName` values; the text form a server sent
//! (`it:AccountData[2]`) would otherwise name a prefix the output may not declare.

use std::fmt;
use std::str::FromStr;

use super::qname::QName;
use super::ws;
use crate::xml::{NamespaceScope, PrefixScope, ValueError, XmlText};

const EXPECTED: &str = "soapenc:arrayType";

/// One bracket group of a `soapenc:arrayType`: `[]`, `[,]`, `[2,3]`. Each dimension's size is
/// `None` where the text leaves it open, so `[][3]` and `[,]` are kept exactly.
///
/// The product of the given sizes fits in a `u64` (checked on construction), so
/// [`ArrayDims::total`] cannot overflow.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArrayDims(Vec<Option<u64>>);

impl ArrayDims {
    /// A group of `sizes.len()` dimensions (at least one).
    pub fn new(sizes: Vec<Option<u64>>) -> Result<Self, ValueError> {
        let err = |d: &str| {
            ValueError::new("soapenc:arrayType dimensions", &format!("{sizes:?}")).with_detail(d)
        };
        if sizes.is_empty() {
            return Err(err("a bracket group has at least one dimension"));
        }
        if sizes
            .iter()
            .flatten()
            .try_fold(1u64, |acc, n| acc.checked_mul(*n))
            .is_none()
        {
            return Err(err("the array size overflows"));
        }
        Ok(Self(sizes))
    }

    /// An open group of `rank` dimensions (`[]`, `[,]`, ...).
    pub fn open(rank: usize) -> Result<Self, ValueError> {
        Self::new(vec![None; rank])
    }

    /// The number of dimensions (commas + 1).
    pub fn rank(&self) -> usize {
        self.0.len()
    }

    /// The size of each dimension, `None` where left open.
    pub fn sizes(&self) -> &[Option<u64>] {
        &self.0
    }

    /// The number of members an array of these dimensions holds: `None` unless every size is
    /// given.
    pub fn total(&self) -> Option<u64> {
        // Cannot overflow: checked by the constructors.
        self.0.iter().try_fold(1u64, |acc, n| n.map(|n| acc * n))
    }

    /// Parses one bracket group at the start of `text` (whitespace allowed around the sizes),
    /// returning it and the rest of the text.
    fn parse_group(text: &str) -> Result<(Self, &str), String> {
        let inner = text
            .strip_prefix('[')
            .ok_or_else(|| "expected `[`".to_owned())?;
        let close = inner
            .find(']')
            .ok_or_else(|| "unclosed `[`: expected `]`".to_owned())?;
        let (body, rest) = (&inner[..close], &inner[close + 1..]);
        if body.contains('[') {
            return Err("nested `[`".to_owned());
        }
        let mut sizes = Vec::new();
        for part in body.split(',') {
            let part = ws::trim(part);
            if part.is_empty() {
                sizes.push(None);
            } else if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "array size `{part}` is not a non-negative decimal integer"
                ));
            } else {
                let n = part
                    .parse::<u64>()
                    .map_err(|_| format!("array size `{part}` is too large"))?;
                sizes.push(Some(n));
            }
        }
        let group = Self::new(sizes).map_err(|e| e.detail.unwrap_or_default())?;
        Ok((group, rest))
    }
}

impl fmt::Display for ArrayDims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, size) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            if let Some(n) = size {
                write!(f, "{n}")?;
            }
        }
        f.write_str("]")
    }
}

/// Parses exactly one bracket group (`[2,3]`); also the form of a `soapenc:offset` or
/// `soapenc:position` value.
impl FromStr for ArrayDims {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |d: String| ValueError::new("soapenc array dimensions", s).with_detail(d);
        let (group, rest) = Self::parse_group(ws::trim(s)).map_err(err)?;
        if !rest.is_empty() {
            return Err(err(format!("unexpected `{rest}` after `]`")));
        }
        Ok(group)
    }
}

/// A `soapenc:arrayType` value: item type (by namespace URI) and one or more bracket groups.
///
/// `xsd:int[2,3]` is item `{http://www.w3.org/2001/XMLSchema}int` with one group `[2,3]`;
/// `xsd:string[][3]` is an array of 3 arrays of strings (groups `[]` and `[3]`). The last
/// group is the size of this array; the earlier ones are the ranks of nested arrays.
///
/// Read through [`XmlText::from_xml_text_in`] the item's prefix is resolved with the
/// namespaces in scope; written through [`XmlText::write_xml_text_in`] the writer supplies
/// (and declares if needed) a prefix for the item's namespace. `Display`/`FromStr` use the
/// unambiguous `{ns}local[dims]` form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArrayType {
    item: QName,
    dims: Vec<ArrayDims>,
}

impl ArrayType {
    /// An array of `item` with the bracket groups `dims` (at least one).
    pub fn new(item: QName, dims: Vec<ArrayDims>) -> Result<Self, ValueError> {
        if dims.is_empty() {
            return Err(ValueError::new(EXPECTED, &item.to_string())
                .with_detail("no array size `[..]` after the item type"));
        }
        Ok(Self { item, dims })
    }

    /// The item type.
    pub fn item(&self) -> &QName {
        &self.item
    }

    /// Every bracket group, outermost array last.
    pub fn dims(&self) -> &[ArrayDims] {
        &self.dims
    }

    /// The size of this array: the last bracket group.
    pub fn size(&self) -> &ArrayDims {
        // `new` and the parser never build an empty `dims`.
        &self.dims[self.dims.len() - 1]
    }

    /// The rank of this array (dimensions of the last bracket group).
    pub fn rank(&self) -> usize {
        self.size().rank()
    }

    /// How many members this array holds, when every size of the last group is given.
    pub fn total_size(&self) -> Option<u64> {
        self.size().total()
    }

    /// Splits the text into the item name and the bracket groups, without resolving the
    /// prefix: what the size check needs, and the first step of every parse.
    fn split(text: &str) -> Result<(&str, Vec<ArrayDims>), ValueError> {
        let t = ws::trim(text);
        let err = |d: String| ValueError::new(EXPECTED, text).with_detail(d);
        let open = t
            .find('[')
            .ok_or_else(|| err("no array size `[..]` after the item type".to_owned()))?;
        let (name, rest) = t.split_at(open);
        if name.is_empty() {
            return Err(err("no item type before `[`".to_owned()));
        }
        if name.contains(']') {
            return Err(err("`]` before the first `[`".to_owned()));
        }
        Ok((name, Self::parse_groups(rest).map_err(err)?))
    }

    /// The bracket groups that make up all of `rest`.
    fn parse_groups(mut rest: &str) -> Result<Vec<ArrayDims>, String> {
        let mut dims = Vec::new();
        while !rest.is_empty() {
            let (group, after) = ArrayDims::parse_group(rest)?;
            dims.push(group);
            rest = after;
        }
        Ok(dims)
    }

    /// The last bracket group of an `arrayType` text, the item's prefix left unresolved (for
    /// checks that only need the size, on text already read).
    pub fn size_of_text(text: &str) -> Result<ArrayDims, ValueError> {
        let (_, mut dims) = Self::split(text)?;
        // `split` returns at least one group.
        Ok(dims
            .pop()
            .unwrap_or_else(|| unreachable!("split checks for a group")))
    }

    fn parse_in(text: &str, scope: Option<&dyn NamespaceScope>) -> Result<Self, ValueError> {
        let (name, dims) = Self::split(text)?;
        let item = match scope {
            Some(s) => QName::from_xml_text_in(name, s),
            None => QName::from_xml_text(name),
        }
        .map_err(|e| {
            ValueError::new(EXPECTED, text).with_detail(format!(
                "item type: {}",
                e.detail.unwrap_or_else(|| "not a QName".to_owned())
            ))
        })?;
        Ok(Self { item, dims })
    }

    fn write_dims(&self, out: &mut String) {
        use fmt::Write;
        for d in &self.dims {
            // Writing into a String cannot fail.
            let _ = write!(out, "{d}");
        }
    }
}

impl fmt::Display for ArrayType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.item)?;
        self.dims.iter().try_for_each(|d| write!(f, "{d}"))
    }
}

/// Parses `{ns}local[dims]` or `local[dims]` (no namespace), the [`Display`](fmt::Display)
/// form.
impl FromStr for ArrayType {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = ws::trim(s);
        // The namespace may itself hold `[` (IPv6 URIs), so split after its `}`.
        let name_end = match t.strip_prefix('{') {
            Some(r) => match r.find('}') {
                Some(i) => i + 2,
                None => {
                    return Err(ValueError::new(EXPECTED, s)
                        .with_detail("expected '}' after the namespace"));
                }
            },
            None => 0,
        };
        let open = t[name_end..]
            .find('[')
            .map(|i| i + name_end)
            .ok_or_else(|| {
                ValueError::new(EXPECTED, s).with_detail("no array size `[..]` after the item type")
            })?;
        let item: QName = t[..open].parse().map_err(|e: ValueError| {
            ValueError::new(EXPECTED, s).with_detail(format!(
                "item type: {}",
                e.detail.unwrap_or_else(|| "not a QName".to_owned())
            ))
        })?;
        let dims = Self::parse_groups(&t[open..])
            .map_err(|d| ValueError::new(EXPECTED, s).with_detail(d))?;
        Ok(Self { item, dims })
    }
}

impl XmlText for ArrayType {
    /// Without namespace bindings only an unprefixed item type (no namespace) resolves; the
    /// reader calls [`XmlText::from_xml_text_in`] instead.
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Self::parse_in(text, None)
    }

    fn from_xml_text_in(text: &str, scope: &dyn NamespaceScope) -> Result<Self, ValueError> {
        Self::parse_in(text, Some(scope))
    }

    /// Without a writer scope the item's prefix hint is used as is (see
    /// [`QName`]'s `write_xml_text`). The writer calls [`XmlText::write_xml_text_in`].
    fn write_xml_text(&self, out: &mut String) {
        self.item.write_xml_text(out);
        self.write_dims(out);
    }

    fn write_xml_text_in(&self, out: &mut String, scope: &mut dyn PrefixScope) {
        self.item.write_xml_text_in(out, scope);
        self.write_dims(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XSD: &str = "http://www.w3.org/2001/XMLSchema";
    const IT: &str = "http://futureware.biz/mantisconnect";

    /// Prefix bindings of a reader: `xsd`, `it`, `ns` and a default namespace.
    struct Scope;

    impl NamespaceScope for Scope {
        fn resolve_prefix(&self, prefix: &str) -> Option<&str> {
            match prefix {
                "xsd" => Some(XSD),
                "it" => Some(IT),
                "ns" => Some("urn:ns"),
                "" => Some("urn:default"),
                _ => None,
            }
        }
    }

    /// A writer that binds every namespace to `p<N>` and records the declarations.
    #[derive(Default)]
    struct Writer(Vec<String>);

    impl PrefixScope for Writer {
        fn prefix_for(&mut self, ns: &str) -> String {
            let i = match self.0.iter().position(|n| n == ns) {
                Some(i) => i,
                None => {
                    self.0.push(ns.to_owned());
                    self.0.len() - 1
                }
            };
            format!("p{i}")
        }
    }

    fn read(text: &str) -> Result<ArrayType, ValueError> {
        ArrayType::from_xml_text_in(text, &Scope)
    }

    fn write(v: &ArrayType) -> (String, Vec<String>) {
        let mut out = String::new();
        let mut w = Writer::default();
        v.write_xml_text_in(&mut out, &mut w);
        (out, w.0)
    }

    #[test]
    fn rectangular() {
        let v = read("xsd:int[2,3]").unwrap();
        assert_eq!(v.item().ns(), XSD);
        assert_eq!(v.item().local(), "int");
        assert_eq!(v.dims().len(), 1);
        assert_eq!(v.rank(), 2);
        assert_eq!(v.size().sizes(), &[Some(2), Some(3)]);
        assert_eq!(v.total_size(), Some(6));
        assert_eq!(write(&v), ("p0:int[2,3]".to_owned(), vec![XSD.to_owned()]));
        assert_eq!(v.to_string(), format!("{{{XSD}}}int[2,3]"));
        assert_eq!(v.to_string().parse::<ArrayType>().unwrap(), v);
    }

    #[test]
    fn item_in_a_server_namespace() {
        let v = read("it:AccountData[2]").unwrap();
        assert_eq!(v.item().ns(), IT);
        assert_eq!(v.item().local(), "AccountData");
        assert_eq!((v.rank(), v.total_size()), (1, Some(2)));
        assert_eq!(
            write(&v),
            ("p0:AccountData[2]".to_owned(), vec![IT.to_owned()])
        );
        // Without a writer scope the prefix it was read with is kept.
        assert_eq!(crate::xml::__private::canonical(&v), "it:AccountData[2]");
    }

    #[test]
    fn jagged_and_open_sizes() {
        let v = read("xsd:string[][3]").unwrap();
        assert_eq!(v.dims().len(), 2);
        assert_eq!(v.dims()[0].sizes(), &[None]);
        assert_eq!((v.rank(), v.total_size()), (1, Some(3)));
        assert_eq!(write(&v).0, "p0:string[][3]");

        let v = read("ns:T[]").unwrap();
        assert_eq!(v.item().ns(), "urn:ns");
        assert_eq!((v.rank(), v.total_size()), (1, None));
        assert_eq!(write(&v).0, "p0:T[]");

        let v = read("xsd:int[,][ , ]").unwrap();
        assert_eq!(v.rank(), 2);
        assert_eq!(write(&v).0, "p0:int[,][,]");

        let v = read(" xsd:int[ 2 , 03 ]\n").unwrap();
        assert_eq!(write(&v).0, "p0:int[2,3]");
    }

    #[test]
    fn unprefixed_item_takes_the_default_namespace() {
        let v = read("Thing[1]").unwrap();
        assert_eq!(v.item().ns(), "urn:default");
        let v = ArrayType::from_xml_text("Thing[1]").unwrap();
        assert_eq!(v.item().ns(), "");
        assert_eq!(write(&v), ("Thing[1]".to_owned(), vec![]));
    }

    #[test]
    fn errors() {
        for (text, detail) in [
            ("un:T[2]", "namespace prefix \"un\" is not declared"),
            ("xsd:int", "no array size"),
            ("[2]", "no item type"),
            ("xsd:int[2", "unclosed `[`"),
            ("xsd:int[2]]", "expected `[`"),
            ("xsd:int[2]x", "expected `[`"),
            ("xsd:int[[2]]", "nested `[`"),
            ("xsd:int][2]", "`]` before the first `[`"),
            ("xsd:int[-1]", "not a non-negative decimal integer"),
            ("xsd:int[+1]", "not a non-negative decimal integer"),
            ("xsd:int[1.5]", "not a non-negative decimal integer"),
            ("xsd:int[18446744073709551616]", "too large"),
            ("xsd:int[4294967296,4294967296]", "overflows"),
            ("a:b:c[1]", "item type"),
            ("xsd:in t[1]", "item type"),
        ] {
            let e = read(text).expect_err(text);
            assert_eq!(e.expected, "soapenc:arrayType", "{text}");
            assert_eq!(e.found, text);
            let d = e.detail.unwrap_or_default();
            assert!(d.contains(detail), "{text}: {d}");
        }
    }

    #[test]
    fn constructors_and_from_str() {
        let item = QName::new(XSD, "int").unwrap();
        assert!(ArrayType::new(item.clone(), vec![]).is_err());
        assert!(ArrayDims::new(vec![]).is_err());
        assert!(ArrayDims::new(vec![Some(u64::MAX), Some(2)]).is_err());
        let v = ArrayType::new(
            item,
            vec![ArrayDims::open(1).unwrap(), "[4]".parse().unwrap()],
        )
        .unwrap();
        assert_eq!(write(&v).0, "p0:int[][4]");
        assert_eq!(
            "{urn:a[b]}T[][4]".parse::<ArrayType>().unwrap().item().ns(),
            "urn:a[b]"
        );
        assert!("{urn:a T[1]".parse::<ArrayType>().is_err());
        assert!("T".parse::<ArrayType>().is_err());
        assert!("[1,2] x".parse::<ArrayDims>().is_err());
        assert_eq!(
            ArrayType::size_of_text("un:T[2,3]").unwrap().total(),
            Some(6)
        );
    }
}
