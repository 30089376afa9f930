//! soapstone-codegen: WSDL 1.1 and XML Schema 1.0 → typed Rust bindings.
//!
//! The pipeline is a set of explicit passes over plain data:
//!
//! 1. [`load`]: read the inputs and everything they import, include or redefine (local files,
//!    catalogs and URL maps only; never the network), keeping file:line:column on every node;
//! 2. [`xsd`] and [`wsdl`]: parse into schema components and WSDL definitions;
//! 3. [`lower`]: build the [`model`] (types by [`model::TypeId`], naming, `Box` for cycles,
//!    xsi:type and substitution-group enums, operations);
//! 4. [`emit`]: one `TokenStream` per namespace module, formatted with prettyplease.
//!
//! The front ends are [`Settings`] (for `build.rs`: [`Settings::compile`]), the `soapstone`
//! CLI, and [`Settings::generate`] for anything else. The shape of the generated code and
//! every setting are documented in `docs/codegen.md`.
//!
//! ```no_run
//! // build.rs
//! soapstone_codegen::Settings::new()
//!     .with_input("wsdl/service.wsdl")
//!     .compile()
//!     .unwrap();
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/soapstone.rs"));
//! ```

pub mod diagnostics;
pub mod emit;
pub mod inspect;
pub mod load;
pub mod lower;
pub mod model;
pub mod wsdl;
pub mod xsd;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

pub use diagnostics::{Diagnostic, DiagnosticKind, Error, Location, Severity, SourceMap};
pub use xsd::QName;

/// How generated modules are laid out in files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// One file holding `pub mod <namespace> { ... }` for every namespace; include it with
    /// `include!`. The default for `build.rs`, file name `soapstone.rs`.
    SingleFile(String),
    /// One `<module>.rs` file per namespace plus a `mod.rs` declaring them: for checked-in code.
    ModuleFiles,
}

/// Generator settings, with `with_*` builder methods (prost-build style).
#[derive(Debug, Clone)]
pub struct Settings {
    inputs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    layout: Layout,
    module_names: BTreeMap<String, String>,
    type_overrides: BTreeMap<QName, String>,
    catalogs: Vec<PathBuf>,
    url_map: BTreeMap<String, PathBuf>,
    lax: bool,
    runtime: String,
    warnings_are_errors: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            inputs: Vec::new(),
            out_dir: None,
            layout: Layout::SingleFile("soapstone.rs".into()),
            module_names: BTreeMap::new(),
            type_overrides: BTreeMap::new(),
            catalogs: Vec::new(),
            url_map: BTreeMap::new(),
            lax: false,
            runtime: "::soapstone".into(),
            warnings_are_errors: false,
        }
    }
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output directory.
    pub path: PathBuf,
    /// Formatted Rust source.
    pub contents: String,
}

/// The result of generation.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Files, in path order.
    pub files: Vec<GeneratedFile>,
    /// Warnings (errors make generation fail instead).
    pub warnings: Vec<Diagnostic>,
    /// Every file read from disk, imports and catalogs included.
    pub files_read: Vec<PathBuf>,
    /// Source text of every file read, for [`Diagnostic::render`].
    pub sources: SourceMap,
    /// The model the files were emitted from.
    pub model: model::Model,
}

/// The result of [`Settings::check`].
#[derive(Debug, Clone)]
pub struct Checked {
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    /// Every file read from disk.
    pub files_read: Vec<PathBuf>,
    /// Source text of every file read, for [`Diagnostic::render`].
    pub sources: SourceMap,
}

/// What the front half of the pipeline produced.
struct Analysis {
    model: model::Model,
    diagnostics: Vec<Diagnostic>,
    files_read: Vec<PathBuf>,
    sources: SourceMap,
}

impl Settings {
    /// Default settings: strict, runtime `::soapstone`, single-file layout, output to
    /// `OUT_DIR`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an input file (WSDL or XSD; the extension does not matter).
    pub fn with_input(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.inputs.push(path.into());
        self
    }

    /// Adds several input files.
    pub fn with_inputs<P: Into<PathBuf>>(
        &mut self,
        paths: impl IntoIterator<Item = P>,
    ) -> &mut Self {
        self.inputs.extend(paths.into_iter().map(Into::into));
        self
    }

    /// Output directory for [`Settings::compile`] (default: `$OUT_DIR`).
    pub fn with_out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// File layout (default: [`Layout::SingleFile`] `soapstone.rs`).
    pub fn with_layout(&mut self, layout: Layout) -> &mut Self {
        self.layout = layout;
        self
    }

    /// Names the Rust module of a namespace (default: derived from the URI's last segments).
    pub fn with_module_name(
        &mut self,
        namespace: impl Into<String>,
        module: impl Into<String>,
    ) -> &mut Self {
        self.module_names.insert(namespace.into(), module.into());
        self
    }

    /// Uses an existing Rust type (a full path such as `::my_crate::Money`) for an XSD type
    /// instead of generating one. The type must implement the traits the position needs
    /// (`XmlText` for simple types, `XmlRead`/`XmlWrite` for complex ones).
    pub fn with_type_override(
        &mut self,
        namespace: impl Into<String>,
        local: impl Into<String>,
        rust_path: impl Into<String>,
    ) -> &mut Self {
        self.type_overrides
            .insert(QName::new(namespace, local), rust_path.into());
        self
    }

    /// Adds an OASIS XML catalog used to map absolute schema locations to local files.
    pub fn with_catalog(&mut self, catalog: impl Into<PathBuf>) -> &mut Self {
        self.catalogs.push(catalog.into());
        self
    }

    /// Maps one absolute URL (as written in `schemaLocation` / `location`) to a local file.
    pub fn with_url_map(&mut self, url: impl Into<String>, file: impl Into<PathBuf>) -> &mut Self {
        self.url_map.insert(url.into(), file.into());
        self
    }

    /// Marks every generated struct and choice `#[xml(lax)]`: unknown elements and attributes
    /// are skipped instead of rejected. Default: strict.
    pub fn with_lax(&mut self, lax: bool) -> &mut Self {
        self.lax = lax;
        self
    }

    /// Path of the runtime crate in generated code (default `::soapstone`).
    pub fn with_runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime = path.into();
        self
    }

    /// Treats warnings as errors (for CI).
    pub fn with_warnings_as_errors(&mut self, yes: bool) -> &mut Self {
        self.warnings_are_errors = yes;
        self
    }

    fn validate(&self) -> Result<TokenStream, Error> {
        if self.inputs.is_empty() {
            return Err(Error::Settings("no input files".into()));
        }
        for (q, p) in &self.type_overrides {
            if syn::parse_str::<syn::Type>(p).is_err() {
                return Err(Error::Settings(format!(
                    "type override for `{q}`: `{p}` is not a Rust type"
                )));
            }
        }
        self.runtime_path()
    }

    /// The runtime crate's path as tokens (what generated code names it by).
    fn runtime_path(&self) -> Result<TokenStream, Error> {
        let rt = syn::parse_str::<syn::Path>(&self.runtime).map_err(|_| {
            Error::Settings(format!(
                "runtime path `{}` is not a Rust path",
                self.runtime
            ))
        })?;
        Ok(quote!(#rt))
    }

    fn analyse(&self) -> Analysis {
        let mut diags = diagnostics::Diagnostics::default();
        let mut resolver = load::Resolver {
            url_map: self.url_map.clone(),
            ..load::Resolver::default()
        };
        let mut catalog_reads = load::Loaded::default();
        for c in &self.catalogs {
            resolver.add_catalog(c, &mut catalog_reads, &mut diags);
        }
        let loaded = load::load(&self.inputs, &resolver, &mut diags);
        let set = xsd::parse_schemas(&loaded.schemas, &mut diags);
        let builtin_namespaces = loaded
            .schemas
            .iter()
            .filter(|s| s.builtin)
            .map(|s| s.tns.clone())
            .collect();
        let defs = wsdl::parse_wsdls(&loaded.wsdls, &mut diags);
        let model = lower::lower(
            &set,
            &defs,
            lower::LowerSettings {
                type_overrides: &self.type_overrides,
                module_names: &self.module_names,
            },
            &builtin_namespaces,
            &mut diags,
        );
        let mut files_read: Vec<PathBuf> = loaded.files_read.iter().cloned().collect();
        files_read.extend(catalog_reads.files_read.iter().cloned());
        files_read.sort();
        files_read.dedup();
        let mut sources = loaded.sources;
        for p in catalog_reads
            .sources
            .paths()
            .map(Path::to_path_buf)
            .collect::<Vec<_>>()
        {
            if let Some(t) = catalog_reads.sources.get(&p) {
                sources.insert(&p, std::sync::Arc::from(t));
            }
        }
        Analysis {
            model,
            diagnostics: diags.into_sorted(),
            files_read,
            sources,
        }
    }

    fn fails(&self, d: &Diagnostic) -> bool {
        d.is_error() || self.warnings_are_errors
    }

    /// Parses, resolves and lowers without emitting: returns the warnings, or every
    /// diagnostic when there are errors.
    pub fn check(&self) -> Result<Checked, Error> {
        self.validate()?;
        let a = self.analyse();
        if a.diagnostics.iter().any(|d| self.fails(d)) {
            return Err(Error::Schema {
                diagnostics: a.diagnostics,
                sources: a.sources,
            });
        }
        Ok(Checked {
            warnings: a.diagnostics,
            files_read: a.files_read,
            sources: a.sources,
        })
    }

    /// Generates the bindings in memory.
    pub fn generate(&self) -> Result<Generated, Error> {
        let runtime = self.validate()?;
        let a = self.analyse();
        if a.diagnostics.iter().any(|d| self.fails(d)) {
            return Err(Error::Schema {
                diagnostics: a.diagnostics,
                sources: a.sources,
            });
        }
        let mut inputs: Vec<String> = self
            .inputs
            .iter()
            .map(|p| load::normalize(p).display().to_string())
            .collect();
        inputs.sort();
        inputs.dedup();
        let header = format!(
            "// This file is @generated by soapstone-codegen from {}.\n// Do not edit it by hand; regenerate it instead.\n\n",
            inputs.join(", ")
        );
        let mut files = Vec::new();
        match &self.layout {
            Layout::ModuleFiles => {
                let mut index = TokenStream::new();
                for (name, module) in &a.model.modules {
                    let doc = emit::doc_attrs(module.doc.as_deref());
                    let ident = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
                    index.extend(quote! {
                        #doc
                        pub mod #ident;
                    });
                }
                for (name, body) in self.emit_modules(&a.model)? {
                    files.push(GeneratedFile {
                        path: PathBuf::from(format!("{name}.rs")),
                        contents: format!("{header}{body}"),
                    });
                }
                files.push(GeneratedFile {
                    path: PathBuf::from("mod.rs"),
                    contents: format!("{header}{}", format("mod", index)?),
                });
            }
            Layout::SingleFile(file) => {
                let mut single = TokenStream::new();
                for (name, module) in &a.model.modules {
                    let body = emit::emit_module(&a.model, name, &runtime);
                    let body = if self.lax { lax_everything(body) } else { body };
                    let doc = emit::doc_attrs(module.doc.as_deref());
                    let ident = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
                    single.extend(quote! {
                        #doc
                        pub mod #ident { #body }
                    });
                }
                files.push(GeneratedFile {
                    path: PathBuf::from(file),
                    contents: format!("{header}{}", format("(all)", single)?),
                });
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Generated {
            files,
            warnings: a.diagnostics,
            files_read: a.files_read,
            sources: a.sources,
            model: a.model,
        })
    }

    /// Emits and formats every module of `model`, in module order. Formatting (parsing the
    /// emitted tokens with syn, printing with prettyplease) is two thirds of generation, and
    /// modules are independent, so they are spread over the machine's threads; each thread
    /// builds its own token streams (proc-macro2's are not `Send`) and hands back text, so the
    /// output does not depend on the number of threads.
    fn emit_modules(&self, model: &model::Model) -> Result<Vec<(String, String)>, Error> {
        let names: Vec<&String> = model.modules.keys().collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(names.len())
            .max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = || -> Result<Vec<(usize, String)>, Error> {
            // Checked by `validate` already; parsed again because tokens are not `Send`.
            let runtime = self.runtime_path()?;
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(name) = names.get(i) else {
                    return Ok(done);
                };
                let body = emit::emit_module(model, name, &runtime);
                let body = if self.lax { lax_everything(body) } else { body };
                done.push((i, format(name, body)?));
            }
        };
        let mut out: Vec<(usize, String)> = if threads == 1 {
            work()?
        } else {
            let results: Vec<Result<Vec<(usize, String)>, Error>> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join().unwrap_or_else(|_| {
                            Err(Error::Emit {
                                module: "(worker)".into(),
                                message: "a code generation thread panicked".into(),
                            })
                        })
                    })
                    .collect()
            });
            let mut all = Vec::new();
            for r in results {
                all.extend(r?);
            }
            all
        };
        out.sort_by_key(|(i, _)| *i);
        Ok(out
            .into_iter()
            .map(|(i, body)| (names[i].clone(), body))
            .collect())
    }

    /// `build.rs` verb: generates into the output directory (default `$OUT_DIR`), rewriting a
    /// file only when its content changed, and prints `cargo:rerun-if-changed` for every file
    /// read (imports and catalogs included) and `cargo:warning` for every warning.
    pub fn compile(&self) -> Result<Generated, Error> {
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::Settings("no output directory and OUT_DIR is not set".into())
                })?,
        };
        let result = self.generate();
        // Rebuild tracking must cover the inputs even when generation fails, so the build
        // reruns once the user fixes them.
        let tracked: Vec<PathBuf> = match &result {
            Ok(g) => g.files_read.clone(),
            Err(_) => self.inputs.clone(),
        };
        for p in tracked.iter().chain(&self.catalogs) {
            println!("cargo:rerun-if-changed={}", p.display());
        }
        let generated = result?;
        for w in &generated.warnings {
            println!("cargo:warning={w}");
        }
        write_files(&out_dir, &generated.files)?;
        Ok(generated)
    }
}

/// Writes `files` below `dir`, leaving files whose content is unchanged untouched (so
/// timestamps do not trigger rebuilds).
pub fn write_files(dir: &Path, files: &[GeneratedFile]) -> Result<(), Error> {
    for f in files {
        let path = dir.join(&f.path);
        if std::fs::read_to_string(&path).is_ok_and(|old| old == f.contents) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, &f.contents).map_err(|source| Error::Write { path, source })?;
    }
    Ok(())
}

/// The one-line `build.rs` shortcut: default settings, these inputs, output in `OUT_DIR`.
pub fn compile<P: Into<PathBuf>>(inputs: impl IntoIterator<Item = P>) -> Result<Generated, Error> {
    Settings::new().with_inputs(inputs).compile()
}

fn format(module: &str, tokens: TokenStream) -> Result<String, Error> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| Error::Emit {
        module: module.to_string(),
        message: e.to_string(),
    })?;
    Ok(prettyplease::unparse(&file))
}

/// Adds `lax` to every `#[xml(...)]` container attribute of structs and choices by
/// re-parsing the emitted items; keeps the emitters free of a global switch.
fn lax_everything(tokens: TokenStream) -> TokenStream {
    let Ok(mut file) = syn::parse2::<syn::File>(tokens.clone()) else {
        return tokens;
    };
    fn mark(attrs: &mut Vec<syn::Attribute>, is_xml_item: bool) {
        if !is_xml_item {
            return;
        }
        match attrs.iter_mut().find(|a| a.path().is_ident("xml")) {
            Some(a) => {
                if let syn::Meta::List(l) = &mut a.meta {
                    let inner = l.tokens.clone();
                    l.tokens = quote!(#inner, lax);
                }
            }
            None => attrs.push(syn::parse_quote!(#[xml(lax)])),
        }
    }
    fn derives_read(attrs: &[syn::Attribute]) -> bool {
        attrs
            .iter()
            .any(|a| a.path().is_ident("derive") && quote!(#a).to_string().contains("XmlRead"))
    }
    fn walk(items: &mut [syn::Item]) {
        for item in items {
            match item {
                syn::Item::Struct(s) => {
                    let r = derives_read(&s.attrs);
                    mark(&mut s.attrs, r);
                }
                syn::Item::Enum(e) => {
                    let r = derives_read(&e.attrs);
                    mark(&mut e.attrs, r);
                }
                syn::Item::Mod(m) => {
                    if let Some((_, items)) = &mut m.content {
                        walk(items);
                    }
                }
                _ => {}
            }
        }
    }
    walk(&mut file.items);
    quote!(#file)
}
