//! Pass 1: read every input file and everything it imports, includes or redefines.
//!
//! Files are read from disk only: absolute `schemaLocation`s go through the explicit URL map,
//! then the OASIS catalogs; an unresolvable location is a diagnostic, never a download.

pub mod builtin;
pub mod xml;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{DiagnosticKind, Diagnostics, Location, SourceMap};
use xml::{Element, XS};

/// The WSDL 1.1 namespace.
pub const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";

/// Namespaces that never need a schema document of their own.
const SCHEMALESS_NAMESPACES: [&str; 3] = [XS, WSDL, "http://www.w3.org/2001/XMLSchema-instance"];

/// A loaded WSDL document.
#[derive(Debug, Clone)]
pub struct WsdlDoc {
    /// The file.
    pub path: Arc<Path>,
    /// The `wsdl:definitions` element.
    pub root: Arc<Element>,
}

/// A schema document, with the target namespace it contributes to.
#[derive(Debug, Clone)]
pub struct SchemaDoc {
    /// The `xs:schema` element.
    pub root: Arc<Element>,
    /// The effective target namespace: a chameleon include takes its includer's.
    pub tns: String,
    /// The file it came from (a WSDL file for inline schemas).
    pub path: Arc<Path>,
    /// Whether it is one of the built-in schemas.
    pub builtin: bool,
}

/// Everything the loader read.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Decoded text of every file, for diagnostics.
    pub sources: SourceMap,
    /// Every file read from disk (inputs, imports, catalogs), for `cargo:rerun-if-changed`.
    pub files_read: BTreeSet<PathBuf>,
    /// WSDL documents, sorted by path.
    pub wsdls: Vec<WsdlDoc>,
    /// Schema documents, sorted by (path, position, namespace).
    pub schemas: Vec<SchemaDoc>,
}

/// Where to find documents named by absolute URLs.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    /// Exact URL → file.
    pub url_map: BTreeMap<String, PathBuf>,
    /// Catalog entries: exact URIs/system ids → file.
    pub exact: BTreeMap<String, PathBuf>,
    /// Catalog rewrite rules: prefix → replacement prefix.
    pub rewrites: Vec<(String, String)>,
}

impl Resolver {
    /// Reads an OASIS XML catalog (`uri`, `system`, `public`, `rewriteURI`, `rewriteSystem`,
    /// `nextCatalog`).
    pub fn add_catalog(&mut self, path: &Path, loaded: &mut Loaded, diags: &mut Diagnostics) {
        let Some(root) = read_xml(path, loaded, diags) else {
            return;
        };
        let base = path.parent().unwrap_or(Path::new("."));
        for entry in &root.children {
            let target = |attr: &str| entry.attr(attr).map(|u| normalize(&base.join(u)));
            match entry.local.as_str() {
                "uri" | "system" | "public" => {
                    let key = entry
                        .attr("name")
                        .or_else(|| entry.attr("systemId"))
                        .or_else(|| entry.attr("publicId"));
                    if let (Some(key), Some(file)) = (key, target("uri")) {
                        self.exact.entry(key.to_string()).or_insert(file);
                    }
                }
                "rewriteURI" | "rewriteSystem" => {
                    let from = entry
                        .attr("uriStartString")
                        .or_else(|| entry.attr("systemIdStartString"));
                    if let (Some(from), Some(to)) = (from, entry.attr("rewritePrefix")) {
                        let to = base.join(to).to_string_lossy().into_owned();
                        self.rewrites.push((from.to_string(), to));
                    }
                }
                "nextCatalog" => {
                    if let Some(next) = target("catalog")
                        && !loaded.files_read.contains(&next)
                    {
                        self.add_catalog(&next, loaded, diags);
                    }
                }
                _ => {}
            }
        }
        // Longest prefix first, so the most specific rewrite applies.
        self.rewrites
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    }

    fn lookup(&self, url: &str) -> Option<PathBuf> {
        if let Some(p) = self.url_map.get(url).or_else(|| self.exact.get(url)) {
            return Some(p.clone());
        }
        for (from, to) in &self.rewrites {
            if let Some(rest) = url.strip_prefix(from.as_str()) {
                return Some(normalize(Path::new(&format!("{to}{rest}"))));
            }
        }
        url.strip_prefix("file://").map(|p| normalize(Path::new(p)))
    }
}

/// Whether a location is a URL rather than a relative path.
fn is_url(location: &str) -> bool {
    location.contains("://") || location.starts_with("urn:")
}

/// Removes `.` and `..` components without touching the file system, so one file reached by
/// two relative routes gets one name.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            // `..` cancels only a preceding normal component: a leading run of `..` (a path
            // that climbs out of the working directory) must be kept whole, and `/..` is `/`.
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                Some(Component::ParentDir | Component::CurDir) | None => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

fn read_xml(path: &Path, loaded: &mut Loaded, diags: &mut Diagnostics) -> Option<Element> {
    let file: Arc<Path> = Arc::from(path);
    loaded.files_read.insert(path.to_path_buf());
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(
                &Location::file_start(path),
                DiagnosticKind::Io {
                    path: path.display().to_string(),
                    message: e.to_string(),
                },
            );
            return None;
        }
    };
    let text = match xml::decode(&bytes) {
        Ok(t) => t,
        Err(kind) => {
            diags.error(&Location::file_start(path), kind);
            return None;
        }
    };
    parse_text(&file, text, loaded, diags)
}

fn parse_text(
    file: &Arc<Path>,
    text: String,
    loaded: &mut Loaded,
    diags: &mut Diagnostics,
) -> Option<Element> {
    let text: Arc<str> = Arc::from(text);
    loaded.sources.insert(file, text.clone());
    let mut warnings = Vec::new();
    let result = xml::parse(file, &text, &mut warnings);
    for w in warnings {
        diags.push(w);
    }
    match result {
        Ok(root) => Some(root),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The loader's work list and caches.
struct Loader<'a> {
    resolver: &'a Resolver,
    loaded: Loaded,
    /// Parsed files by normalized path (`None` when reading failed).
    files: BTreeMap<PathBuf, Option<Arc<Element>>>,
    /// (file, effective namespace) pairs already expanded, which also stops import cycles.
    seen_schemas: BTreeSet<(PathBuf, usize, String)>,
    seen_wsdls: BTreeSet<PathBuf>,
    /// Location-less imports to check once everything is loaded.
    pending_imports: Vec<(String, Location)>,
}

/// Loads `inputs` and everything they reference.
pub fn load(inputs: &[PathBuf], resolver: &Resolver, diags: &mut Diagnostics) -> Loaded {
    let mut loader = Loader {
        resolver,
        loaded: Loaded::default(),
        files: BTreeMap::new(),
        seen_schemas: BTreeSet::new(),
        seen_wsdls: BTreeSet::new(),
        pending_imports: Vec::new(),
    };
    let mut inputs: Vec<PathBuf> = inputs.iter().map(|p| normalize(p)).collect();
    // The order inputs are given in must not change the output.
    inputs.sort();
    inputs.dedup();
    for input in &inputs {
        loader.load_any(input, None, None, diags);
    }
    loader.finish(diags)
}

impl Loader<'_> {
    fn file(&mut self, path: &Path, diags: &mut Diagnostics) -> Option<Arc<Element>> {
        if let Some(cached) = self.files.get(path) {
            return cached.clone();
        }
        let parsed = read_xml(path, &mut self.loaded, diags).map(Arc::new);
        self.files.insert(path.to_path_buf(), parsed.clone());
        parsed
    }

    /// Loads a file that may be a WSDL or a schema. `chameleon` is the includer's namespace.
    fn load_any(
        &mut self,
        path: &Path,
        chameleon: Option<&str>,
        from: Option<&Location>,
        diags: &mut Diagnostics,
    ) {
        let Some(root) = self.file(path, diags) else {
            return;
        };
        if root.is("http://schemas.xmlsoap.org/wsdl/", "definitions") {
            self.load_wsdl(path, root, diags);
        } else if root.is(XS, "schema") {
            self.load_schema(path, 0, root, chameleon, diags);
        } else {
            let loc = from.cloned().unwrap_or_else(|| root.loc.clone());
            diags.error(
                &loc,
                DiagnosticKind::NotASchema(format!(
                    "{{{}}}{} in {}",
                    root.ns,
                    root.local,
                    path.display()
                )),
            );
        }
    }

    fn load_wsdl(&mut self, path: &Path, root: Arc<Element>, diags: &mut Diagnostics) {
        if !self.seen_wsdls.insert(path.to_path_buf()) {
            return;
        }
        self.loaded.wsdls.push(WsdlDoc {
            path: Arc::from(path),
            root: root.clone(),
        });
        for child in root.children_in(WSDL) {
            match child.local.as_str() {
                "import" => match child.attr("location") {
                    Some(location) => {
                        if let Some(target) = self.locate(path, location, child, diags) {
                            self.load_any(&target, None, Some(&child.loc), diags);
                        }
                    }
                    None => diags.warning(
                        &child.loc,
                        DiagnosticKind::MissingImport(
                            "wsdl:import without a location is ignored".into(),
                        ),
                    ),
                },
                "types" => {
                    for (index, schema) in child.children.iter().enumerate() {
                        if schema.is(XS, "schema") {
                            self.load_schema(
                                path,
                                index + 1,
                                Arc::new(schema.clone()),
                                None,
                                diags,
                            );
                        } else {
                            diags.warning(
                                &schema.loc,
                                DiagnosticKind::Unsupported(format!(
                                    "<{}> in wsdl:types is not an XML Schema and is ignored",
                                    schema.local
                                )),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// `position` tells inline schemas of one WSDL file apart (0 = the file itself).
    fn load_schema(
        &mut self,
        path: &Path,
        position: usize,
        root: Arc<Element>,
        chameleon: Option<&str>,
        diags: &mut Diagnostics,
    ) {
        let own = root.attr("targetNamespace");
        let tns = match (own, chameleon) {
            (Some(own), Some(includer)) if own != includer => {
                diags.error(
                    &root.loc,
                    DiagnosticKind::Invalid(format!(
                        "included schema has targetNamespace `{own}` but the including schema's is `{includer}`"
                    )),
                );
                own.to_string()
            }
            (Some(own), _) => own.to_string(),
            (None, Some(includer)) => includer.to_string(),
            (None, None) => String::new(),
        };
        if !self
            .seen_schemas
            .insert((path.to_path_buf(), position, tns.clone()))
        {
            return;
        }
        self.loaded.schemas.push(SchemaDoc {
            root: root.clone(),
            tns: tns.clone(),
            path: Arc::from(path),
            builtin: false,
        });
        for child in root.children_in(XS) {
            match child.local.as_str() {
                "import" => {
                    let namespace = child.attr("namespace").unwrap_or("").to_string();
                    match child.attr("schemaLocation") {
                        Some(location) => {
                            let builtin = is_builtin_ns(&namespace);
                            if builtin
                                && is_url(location)
                                && self.resolver.lookup(location).is_none()
                            {
                                // xml.xsd and soap-encoding are built in: no file needed.
                                continue;
                            }
                            match self.locate(path, location, child, diags) {
                                Some(target) => {
                                    self.load_any(&target, None, Some(&child.loc), diags)
                                }
                                None => self.pending_imports.push((namespace, child.loc.clone())),
                            }
                        }
                        None => self.pending_imports.push((namespace, child.loc.clone())),
                    }
                }
                "include" | "redefine" | "override" => {
                    if child.local == "override" {
                        diags.warning(
                            &child.loc,
                            DiagnosticKind::Unsupported(
                                "xs:override is XSD 1.1; it is treated like xs:redefine".into(),
                            ),
                        );
                    }
                    match child.attr("schemaLocation") {
                        Some(location) => {
                            if let Some(target) = self.locate(path, location, child, diags) {
                                let tns = tns.clone();
                                self.load_any(&target, Some(&tns), Some(&child.loc), diags);
                            }
                        }
                        None => diags.error(
                            &child.loc,
                            DiagnosticKind::Invalid(format!(
                                "xs:{} requires a schemaLocation",
                                child.local
                            )),
                        ),
                    }
                }
                _ => {}
            }
        }
    }

    /// Turns a location attribute into a local file, or reports why it cannot.
    fn locate(
        &mut self,
        from: &Path,
        location: &str,
        at: &Element,
        diags: &mut Diagnostics,
    ) -> Option<PathBuf> {
        let path = if is_url(location) {
            match self.resolver.lookup(location) {
                Some(p) => p,
                None => {
                    diags.error(
                        &at.loc,
                        DiagnosticKind::MissingImport(format!(
                            "`{location}` is a remote location and is not mapped to a local file (use a catalog or a URL map; soapstone never downloads)"
                        )),
                    );
                    return None;
                }
            }
        } else {
            normalize(&from.parent().unwrap_or(Path::new("")).join(location))
        };
        if path.is_file() {
            Some(path)
        } else {
            diags.error(
                &at.loc,
                DiagnosticKind::MissingImport(format!(
                    "`{location}` (resolved to {}) does not exist",
                    path.display()
                )),
            );
            None
        }
    }

    fn finish(mut self, diags: &mut Diagnostics) -> Loaded {
        let defined: BTreeSet<String> = self.loaded.schemas.iter().map(|s| s.tns.clone()).collect();
        for (ns, file, text) in builtin::BUILTIN_SCHEMAS {
            if defined.contains(ns) {
                continue;
            }
            let file: Arc<Path> = Arc::from(Path::new(file));
            if let Some(root) = parse_text(&file, text.to_string(), &mut self.loaded, diags) {
                self.loaded.schemas.push(SchemaDoc {
                    root: Arc::new(root),
                    tns: ns.to_string(),
                    path: file,
                    builtin: true,
                });
            }
        }
        let defined: BTreeSet<&str> = self.loaded.schemas.iter().map(|s| s.tns.as_str()).collect();
        for (ns, loc) in &self.pending_imports {
            if !defined.contains(ns.as_str()) && !SCHEMALESS_NAMESPACES.contains(&ns.as_str()) {
                diags.warning(
                    loc,
                    DiagnosticKind::MissingImport(format!(
                        "no schema for imported namespace `{ns}` was found (references into it will fail)"
                    )),
                );
            }
        }
        self.loaded.wsdls.sort_by(|a, b| a.path.cmp(&b.path));
        self.loaded.schemas.sort_by(|a, b| {
            (&a.path, a.root.loc.line, a.root.loc.column, &a.tns).cmp(&(
                &b.path,
                b.root.loc.line,
                b.root.loc.column,
                &b.tns,
            ))
        });
        self.loaded
    }
}

fn is_builtin_ns(ns: &str) -> bool {
    builtin::BUILTIN_SCHEMAS.iter().any(|(b, _, _)| *b == ns) || SCHEMALESS_NAMESPACES.contains(&ns)
}

#[cfg(test)]
mod normalize_tests {
    use super::normalize;
    use std::path::{Path, PathBuf};

    #[test]
    fn keeps_every_leading_parent_component() {
        assert_eq!(
            normalize(Path::new("../../wsdl/x.wsdl")),
            PathBuf::from("../../wsdl/x.wsdl")
        );
        assert_eq!(
            normalize(Path::new("../a/../../b")),
            PathBuf::from("../../b")
        );
    }

    #[test]
    fn cancels_normal_components_and_drops_cur_dir() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.xsd")),
            PathBuf::from("a/c.xsd")
        );
        assert_eq!(
            normalize(Path::new("a/b/../../c.xsd")),
            PathBuf::from("c.xsd")
        );
        assert_eq!(normalize(Path::new("/../a")), PathBuf::from("/a"));
    }
}
