//! soapstone-corpus: the real-world corpus harness and the round-trip command.
//!
//! - [`run_set`]: generate one WSDL/XSD set with zero per-set configuration (only the set's
//!   `catalog.xml` when it has one), build the bindings as a crate under `#![deny(warnings)]`,
//!   and round-trip instances produced from the model ([`instances`]) through the generated
//!   types, with xmllint validating each instance before and each output after.
//! - [`roundtrip`]: the same round trip for user-supplied schemas and instance documents.
//!
//! Both write scratch crates into one work directory that shares a `target/`, so the runtime
//! is compiled once and reruns only rebuild what changed.

pub mod build;
pub mod instances;
pub mod schemas;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use soapstone_codegen::QName;
use soapstone_codegen::model::{Model, TypeId, TypeKind};
use soapstone_tests::xml_compare::{CompareOptions, compare_with};

use crate::schemas::{Lint, SchemaBundle};

/// Harness failures that stop a set or a command (per-instance failures are results, not
/// errors).
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    /// A file or process could not be read, written or started.
    #[error("{path}: {source}")]
    Io {
        /// The file or program.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The generator reported errors.
    #[error("generation failed:\n{0}")]
    Generate(String),
    /// A schema document could not be parsed for validation.
    #[error("schema: {0}")]
    Schema(String),
    /// The generated crate does not build.
    #[error("the generated crate does not build:\n{0}")]
    Build(String),
    /// Bad command-line input.
    #[error("{0}")]
    Usage(String),
}

impl HarnessError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        HarnessError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Entry files of a corpus set: its WSDL files, or for XSD-only sets every schema file.
pub fn entries(set: &Path) -> Result<Vec<PathBuf>, HarnessError> {
    let list = |dir: &Path| -> Result<Vec<PathBuf>, HarnessError> {
        std::fs::read_dir(dir)
            .map_err(|e| HarnessError::io(dir, e))?
            .map(|e| e.map(|e| e.path()).map_err(|e| HarnessError::io(dir, e)))
            .collect()
    };
    let mut files: Vec<PathBuf> = list(set)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wsdl"))
        .collect();
    if files.is_empty() {
        let mut stack = vec![set.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for p in list(&dir)? {
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "xsd") {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The outcome of one instance round trip.
#[derive(Debug, Clone)]
pub struct InstanceResult {
    /// The root element.
    pub root: QName,
    /// Features the instance exercises.
    pub features: Vec<&'static str>,
    /// `None` on success, else what failed (read, write, compare or output validation).
    pub failure: Option<String>,
}

/// One row of CORPUS.md.
#[derive(Debug, Default)]
pub struct SetReport {
    /// Set name.
    pub name: String,
    /// Entry files.
    pub entries: usize,
    /// Files read (imports included).
    pub files_read: usize,
    /// Generated types.
    pub types: usize,
    /// Operations over all bindings.
    pub operations: usize,
    /// Generator warnings.
    pub warnings: usize,
    /// Generation time.
    pub generate_time: Duration,
    /// Generated lines.
    pub lines: usize,
    /// `cargo build --lib` time.
    pub build_time: Duration,
    /// Build errors and warnings (empty = clean under `#![deny(warnings)]`).
    pub build_errors: Vec<String>,
    /// Generation error, if any.
    pub generate_error: Option<String>,
    /// Global elements offered to the instance writer, and how many instances xmllint
    /// accepted as input.
    pub candidates: usize,
    /// Instances xmllint accepted.
    pub valid_instances: usize,
    /// Why generated instances were not valid (first few).
    pub invalid_samples: Vec<String>,
    /// Round-trip results.
    pub roundtrips: Vec<InstanceResult>,
    /// Root structs no schema declares (RPC wrappers), not round-tripped.
    pub undeclared_roots: usize,
    /// Instances round-tripped without validation because xmllint cannot compile the schemas
    /// they need (libxml2 rejects some real schemas, e.g. content models that are not
    /// deterministic); they are compared but neither input nor output is validated.
    pub unvalidated_instances: usize,
    /// The first such schema compile error.
    pub schema_error: Option<String>,
}

/// Options of a corpus run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Scratch directory (crates and their shared `target/`).
    pub work: PathBuf,
    /// Round trips per set (0 = build only).
    pub instances: usize,
    /// At most this many global elements are tried per set (spread over the set).
    pub candidates: usize,
}

fn crate_name(set: &str) -> String {
    let clean: String = set
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("corpus_{clean}")
}

/// Global-element structs of a model, by element name.
fn roots(model: &Model) -> BTreeMap<QName, TypeId> {
    model
        .types
        .iter()
        .filter_map(|(id, t)| match &t.kind {
            TypeKind::Struct(s) => s.root.clone().map(|q| (q, *id)),
            _ => None,
        })
        .collect()
}

/// The Rust path of a type from the scratch crate's `main.rs`.
fn rust_path(model: &Model, krate: &str, id: TypeId) -> String {
    let t = &model.types[&id];
    format!("{krate}::bindings::{}::{}", t.module, t.name)
}

/// `main.rs` of a round-trip binary: argument triples `index input output`; the output file
/// receives the re-serialized document, or `output.err` the error.
fn roundtrip_main(krate: &str, model: &Model, types: &[TypeId]) -> String {
    let mut arms = String::new();
    for (i, id) in types.iter().enumerate() {
        let _ = writeln!(
            arms,
            "            {i} => rt::<{}>(&input),",
            rust_path(model, krate, *id)
        );
    }
    format!(
        r#"//! Round-trip driver generated by soapstone-corpus.
#![deny(warnings)]

use soapstone::xml::{{ReadOptions, XmlRead, XmlRoot, XmlWrite}};

fn rt<T: XmlRead + XmlWrite + XmlRoot + 'static>(input: &str) -> Result<String, String> {{
    let value: T = soapstone::xml::from_str(input, &ReadOptions::strict())
        .map_err(|e| format!("read: {{e}}"))?;
    soapstone::xml::to_string(&value).map_err(|e| format!("write: {{e}}"))
}}

fn main() {{
    let args: Vec<String> = std::env::args().skip(1).collect();
    for job in args.chunks(3) {{
        let [index, input, output] = job else {{
            eprintln!("usage: index input output ...");
            std::process::exit(2);
        }};
        let input = match std::fs::read_to_string(input) {{
            Ok(s) => s,
            Err(e) => {{
                eprintln!("{{input}}: {{e}}");
                std::process::exit(2);
            }}
        }};
        let result = match index.parse::<usize>().unwrap_or(usize::MAX) {{
{arms}            _ => Err("unknown type index".to_string()),
        }};
        let written = match result {{
            Ok(xml) => std::fs::write(output, xml),
            Err(e) => std::fs::write(format!("{{output}}.err"), e),
        }};
        if let Err(e) = written {{
            eprintln!("{{output}}: {{e}}");
            std::process::exit(2);
        }}
    }}
}}
"#
    )
}

/// One document to round-trip through the type of its root element.
struct Job {
    root: QName,
    ty: TypeId,
    xml: String,
    features: Vec<&'static str>,
    /// False when xmllint cannot compile the schemas for this root: the output is compared
    /// but not validated.
    validate_output: bool,
}

/// Builds the round-trip binary for `jobs`, runs it, compares and validates every output.
fn run_jobs(
    dir: &Path,
    target: &Path,
    krate: &str,
    generated: &soapstone_codegen::Generated,
    bundle: &SchemaBundle,
    jobs: &[Job],
) -> Result<Vec<InstanceResult>, HarnessError> {
    let mut types: Vec<TypeId> = jobs.iter().map(|j| j.ty).collect();
    types.sort();
    types.dedup();
    let main = roundtrip_main(krate, &generated.model, &types);
    build::write_crate(dir, krate, generated, Some(&main))?;
    let built = build::cargo_build(dir, target, "--bins")?;
    if !built.errors.is_empty() {
        return Err(HarnessError::Build(built.errors.join("\n")));
    }
    let io = dir.join("instances");
    let _ = std::fs::remove_dir_all(&io);
    std::fs::create_dir_all(&io).map_err(|e| HarnessError::io(&io, e))?;
    let mut args = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        let input = io.join(format!("{i}.in.xml"));
        std::fs::write(&input, &job.xml).map_err(|e| HarnessError::io(&input, e))?;
        let index = types.binary_search(&job.ty).unwrap_or(usize::MAX);
        args.push(index.to_string());
        args.push(input.display().to_string());
        args.push(io.join(format!("{i}.out.xml")).display().to_string());
    }
    let exe = std::path::absolute(target.join("debug").join(krate))
        .map_err(|e| HarnessError::io(target, e))?;
    let status = Command::new(&exe)
        .args(&args)
        .status()
        .map_err(|e| HarnessError::io(&exe, e))?;
    if !status.success() {
        return Err(HarnessError::Build(format!(
            "{} exited with {status}",
            exe.display()
        )));
    }
    let mut results = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        let out = io.join(format!("{i}.out.xml"));
        let failure = match std::fs::read_to_string(&out) {
            Err(_) => Some(
                std::fs::read_to_string(io.join(format!("{i}.out.xml.err")))
                    .unwrap_or_else(|e| format!("no output: {e}")),
            ),
            Ok(output) => {
                let opts = CompareOptions {
                    resolve_qname_values: true,
                };
                match compare_with(&job.xml, &output, opts) {
                    Err(e) => Some(format!("differs: {e}")),
                    Ok(()) if !job.validate_output => None,
                    Ok(()) => bundle
                        .validate(&output, &job.root.ns, &job.root.local)
                        .err()
                        .map(|e| format!("output invalid: {e}")),
                }
            }
        };
        results.push(InstanceResult {
            root: job.root.clone(),
            features: job.features.clone(),
            failure,
        });
    }
    Ok(results)
}

/// Generates, builds and round-trips one corpus set.
pub fn run_set(set: &Path, opts: &RunOptions) -> Result<SetReport, HarnessError> {
    let name = set
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut report = SetReport {
        name: name.clone(),
        ..SetReport::default()
    };
    let inputs = entries(set)?;
    report.entries = inputs.len();
    let catalog = set.join("catalog.xml");
    let catalog = catalog.is_file().then_some(catalog);
    let generation = match build::generate(&inputs, catalog.as_deref()) {
        Ok(g) => g,
        Err(e) => {
            report.generate_error = Some(e.to_string());
            return Ok(report);
        }
    };
    let model = &generation.generated.model;
    report.files_read = generation.generated.files_read.len();
    report.types = model.types.len();
    report.operations = model.bindings.iter().map(|b| b.operations.len()).sum();
    report.warnings = generation.generated.warnings.len();
    report.generate_time = generation.time;
    report.lines = generation.lines;
    let krate = crate_name(&name);
    let dir = opts.work.join(&name);
    let target = opts.work.join("target");
    build::write_crate(&dir, &krate, &generation.generated, None)?;
    let built = build::cargo_build(&dir, &target, "--lib")?;
    report.build_time = built.time;
    report.build_errors = built.errors;
    if !report.build_errors.is_empty() || opts.instances == 0 {
        return Ok(report);
    }

    let bundle = SchemaBundle::new(
        &generation.generated.files_read,
        catalog.as_deref(),
        &dir.join("schemas"),
    )?;
    let all: Vec<(QName, TypeId)> = roots(model)
        .into_iter()
        .filter(|(q, _)| bundle.declares(&q.ns, &q.local))
        .collect();
    report.undeclared_roots = roots(model).len() - all.len();
    // Spread the candidates over the whole (name-ordered) set, deterministically.
    let step = all.len().div_ceil(opts.candidates.max(1)).max(1);
    let mut jobs = Vec::new();
    for (k, (q, id)) in all.iter().enumerate().filter(|(k, _)| k % step == 0) {
        report.candidates += 1;
        let Some(inst) = instances::instance(model, *id, q, k + 1) else {
            continue;
        };
        match bundle.validate(&inst.xml, &q.ns, &q.local) {
            Ok(()) => jobs.push(Job {
                root: q.clone(),
                ty: *id,
                xml: inst.xml,
                features: inst.features.into_iter().collect(),
                validate_output: true,
            }),
            Err(Lint::SchemaError(e)) => {
                report.unvalidated_instances += 1;
                report
                    .schema_error
                    .get_or_insert(format!("{}: {e}", q.local));
                jobs.push(Job {
                    root: q.clone(),
                    ty: *id,
                    xml: inst.xml,
                    features: inst.features.into_iter().collect(),
                    validate_output: false,
                });
            }
            Err(e) => {
                if report.invalid_samples.len() < 3 {
                    report.invalid_samples.push(format!("{}: {e}", q.local));
                }
            }
        }
    }
    report.valid_instances = jobs.len() - report.unvalidated_instances;
    // Prefer instances that exercise more features.
    jobs.sort_by_key(|j| std::cmp::Reverse(j.features.len()));
    jobs.truncate(opts.instances);
    if !jobs.is_empty() {
        report.roundtrips = run_jobs(&dir, &target, &krate, &generation.generated, &bundle, &jobs)?;
    }
    Ok(report)
}

/// The outcome of [`roundtrip`]: one result per instance file.
#[derive(Debug)]
pub struct RoundTrip {
    /// `(file, result)`.
    pub results: Vec<(PathBuf, InstanceResult)>,
}

/// Generates bindings for `schemas` into a scratch crate under `work`, builds it, and
/// round-trips every instance file through the type of its root element: read (strict),
/// write, compare namespace-aware with the input, validate the output with xmllint against
/// `schemas`.
pub fn roundtrip(
    schemas: &[PathBuf],
    catalog: Option<&Path>,
    instances: &[PathBuf],
    work: &Path,
) -> Result<RoundTrip, HarnessError> {
    let generation = build::generate(schemas, catalog)?;
    let model = &generation.generated.model;
    let roots = roots(model);
    let mut jobs = Vec::new();
    for file in instances {
        let xml = std::fs::read_to_string(file).map_err(|e| HarnessError::io(file, e))?;
        let doc = roxmltree::Document::parse(&xml)
            .map_err(|e| HarnessError::Usage(format!("{}: {e}", file.display())))?;
        let root = doc.root_element().tag_name();
        let q = QName {
            ns: root.namespace().unwrap_or("").to_string(),
            local: root.name().to_string(),
        };
        let ty = *roots.get(&q).ok_or_else(|| {
            HarnessError::Usage(format!(
                "{}: no global element {{{}}}{} in the schemas",
                file.display(),
                q.ns,
                q.local
            ))
        })?;
        jobs.push(Job {
            root: q,
            ty,
            xml,
            features: Vec::new(),
            validate_output: true,
        });
    }
    let dir = work.join("roundtrip");
    let target = work.join("target");
    let bundle = SchemaBundle::new(
        &generation.generated.files_read,
        catalog,
        &dir.join("schemas"),
    )?;
    let results = run_jobs(
        &dir,
        &target,
        "soapstone_roundtrip",
        &generation.generated,
        &bundle,
        &jobs,
    )?;
    Ok(RoundTrip {
        results: instances.iter().cloned().zip(results).collect(),
    })
}

fn secs(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64())
}

/// Renders CORPUS.md.
pub fn render(reports: &[SetReport], opts: &RunOptions, total: Duration) -> String {
    let mut s = String::from(
        "# Real-world corpus results\n\n\
         Written by `cargo run -p soapstone-corpus -- corpus` (see `corpus/`): every set of \
         `../shared/corpus` is generated with zero per-set configuration (the set's `catalog.xml` \
         only), built as a crate under `#![deny(warnings)]` (debug, shared `target/`, runtime \
         without default features, prebuilt), then instances written from the model for a \
         sample of global elements are validated with xmllint against the original schemas, \
         read into the generated type, written back, compared namespace-aware with the input \
         and the output validated with xmllint again.\n\n",
    );
    let _ = writeln!(
        s,
        "Instances: up to {} global elements tried per set (spread evenly over the name-ordered \
         list), up to {} valid ones round-tripped (those exercising most features first). Total \
         wall time: {} s.\n",
        opts.candidates,
        opts.instances,
        secs(total)
    );
    s.push_str(
        "| set | entries | files read | types | operations | warnings | gen (s) | lines | build (s) | build | instances valid / tried | round trips ok / run | features round-tripped |\n\
         |---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for r in reports {
        let build = if r.generate_error.is_some() {
            "generation failed".to_string()
        } else if r.build_errors.is_empty() {
            "ok".to_string()
        } else {
            format!("{} errors", r.build_errors.len())
        };
        let ok = r.roundtrips.iter().filter(|x| x.failure.is_none()).count();
        let mut feats: Vec<&str> = r
            .roundtrips
            .iter()
            .filter(|x| x.failure.is_none())
            .flat_map(|x| x.features.iter().copied())
            .collect();
        feats.sort_unstable();
        feats.dedup();
        let valid = if r.unvalidated_instances == 0 {
            r.valid_instances.to_string()
        } else {
            format!(
                "{} (+{} unvalidated)",
                r.valid_instances, r.unvalidated_instances
            )
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} / {} | {} / {} | {} |",
            r.name,
            r.entries,
            r.files_read,
            r.types,
            r.operations,
            r.warnings,
            secs(r.generate_time),
            r.lines,
            secs(r.build_time),
            build,
            valid,
            r.candidates,
            ok,
            r.roundtrips.len(),
            feats.join(", ")
        );
    }
    s.push_str("\n## Failures and exceptions\n\n");
    let mut any = false;
    for r in reports {
        if let Some(e) = &r.generate_error {
            any = true;
            let _ = writeln!(s, "- **{}**: generation failed: {}", r.name, first_line(e));
        }
        for e in r.build_errors.iter().take(5) {
            any = true;
            let _ = writeln!(s, "- **{}**: build: `{}`", r.name, e.trim());
        }
        for x in &r.roundtrips {
            if let Some(f) = &x.failure {
                any = true;
                let _ = writeln!(
                    s,
                    "- **{}**: round trip of `{{{}}}{}`: {}",
                    r.name,
                    x.root.ns,
                    x.root.local,
                    first_line(f)
                );
            }
        }
        if r.candidates == 0 && r.build_errors.is_empty() && r.generate_error.is_none() {
            any = true;
            let _ = writeln!(
                s,
                "- **{}**: not round-tripped: the schemas declare no global element ({} root \
                 structs are RPC wrappers the generator makes for rpc-style operations, which no \
                 schema can validate)",
                r.name, r.undeclared_roots
            );
        }
        if let Some(e) = &r.schema_error {
            any = true;
            let _ = writeln!(
                s,
                "- **{}**: {} generated instances not validated, their round trips compared only \
                 (output not validated): xmllint cannot compile the schemas: {}",
                r.name,
                r.unvalidated_instances,
                first_line(e)
            );
        }
        if r.valid_instances == 0 && r.candidates > 0 && r.unvalidated_instances == 0 {
            any = true;
            for e in &r.invalid_samples {
                let _ = writeln!(
                    s,
                    "- **{}**: no generated instance validates: {}",
                    r.name,
                    first_line(e)
                );
            }
        }
    }
    if !any {
        s.push_str("None.\n");
    }
    s
}

fn first_line(s: &str) -> String {
    let line = s.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut out: String = line.chars().take(300).collect();
    if line.chars().count() > 300 {
        out.push('…');
    }
    out.replace('|', "\\|")
}
