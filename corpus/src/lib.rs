//! soapstone-corpus: the real-world corpus harness and the round-trip command.
//!
//! - [`run_set`]: generate one WSDL/XSD set with zero per-set configuration (only the set's
//!   `catalog.xml` when it has one), build the bindings as a crate under `#![deny(warnings)]`,
//!   and round-trip instances produced from the model ([`instances`]) through the generated
//!   types, with xmllint (or, where libxml2 cannot compile the schemas, xmlschema:
//!   [`xsval`]) validating each instance before and each output after. Features of the model
//!   the sampled instances miss get guided instances ([`instances::Guide`]); those still missed
//!   are explained in the report (e.g. carried only by types no global element reaches).
//!   Sets with fewer global
//!   elements than the sample also round-trip their named types through a generated wrapper
//!   schema ([`schemas::types_wrapper`]). [`render`] documents every rule in CORPUS.md.
//! - [`roundtrip`]: the same round trip for user-supplied schemas and instance documents.
//!
//! Both write scratch crates into one work directory that shares a `target/`, so the runtime
//! is compiled once and reruns only rebuild what changed.

pub mod build;
pub mod instances;
pub mod schemas;
pub mod xsval;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use soapstone_codegen::QName;
use soapstone_codegen::model::{Model, TypeId, TypeKind};
use soapstone_tests::xml_compare::{CompareOptions, compare_with};

use crate::schemas::{Lint, SchemaBundle};
use crate::xsval::XsOutcome;

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
    /// A loss the XSD view cannot see (the round trip itself passed), e.g. a
    /// `soapenc:arrayType` whose prefix the output leaves unbound.
    pub warning: Option<String>,
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
    /// Instances round-tripped without validation because neither xmllint nor xmlschema can
    /// compile the schemas they need; they are compared but neither input nor output is
    /// validated.
    pub unvalidated_instances: usize,
    /// The first schema xmllint cannot compile.
    pub schema_error: Option<String>,
    /// Instances validated by xmlschema because xmllint cannot compile their schemas.
    pub xmlschema_valid: usize,
    /// Instances xmlschema found invalid (not round-tripped).
    pub xmlschema_invalid: usize,
    /// How xmlschema built the schemas (`strict`, or the UPA violation it tolerated).
    pub xmlschema_how: Option<String>,
    /// Why xmlschema refused a schema too (first one).
    pub xmlschema_refusal: Option<String>,
    /// Features the generated model has somewhere (reachable from a sampled root or not).
    pub model_features: BTreeSet<&'static str>,
    /// Named types given a global element by the type wrapper (0 when the set declares enough
    /// global elements of its own).
    pub wrapped_types: usize,
    /// Global elements the writer could not write an instance of, and why.
    pub unwritten: Vec<String>,
    /// Guided instances validated (on top of the sample).
    pub guided: usize,
    /// Per feature, a guided instance that could not be written (why).
    pub guided_unwritten: BTreeMap<&'static str, String>,
    /// Features no guided instance reached.
    pub feature_unreached: BTreeSet<&'static str>,
    /// Per feature, the first instance exercising it that a validator rejected (why).
    pub feature_invalid: BTreeMap<&'static str, String>,
    /// Why features of the model were not round-tripped.
    pub feature_notes: Vec<(&'static str, String)>,
    /// Features of the model no document rooted at a global element can hold (left out of the
    /// last column; `feature_notes` says why).
    pub unexercisable: BTreeSet<&'static str>,
    /// Features only types nothing refers to carry, with those types.
    pub unused: BTreeMap<&'static str, Vec<String>>,
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

/// Global-element types of a model (structs, polymorphic enums for elements whose type has
/// derived types, `Nillable` newtypes for nillable elements), by element name.
fn roots(model: &Model) -> BTreeMap<QName, TypeId> {
    model
        .types
        .iter()
        .filter_map(|(id, t)| match &t.kind {
            TypeKind::Struct(s) => s.root.clone().map(|q| (q, *id)),
            TypeKind::Polymorphic(p) => p.root.clone().map(|q| (q, *id)),
            TypeKind::NillableRoot(n) => Some((n.root.clone(), *id)),
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
    /// What the output must equal (`xml` unless the instance carries redundant `xsi:type`s).
    expected: String,
    features: Vec<&'static str>,
    /// Who validated the input, and so validates the output.
    validator: Validator,
}

/// Which validator accepted an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Validator {
    /// libxml2's `xmllint --schema`.
    Xmllint,
    /// Python `xmlschema` (libxml2 cannot compile the schemas).
    XmlSchema,
    /// Neither can compile the schemas: compared only.
    None,
}

/// `soapenc:arrayType` values hold a QName (`p:Item[2]`) the comparison cannot see: the SOAP 1.1
/// encoding schema declares the attribute `xs:string`, so a binding may keep it as text and the
/// comparison (falling back to the text when the output leaves the prefix unbound) passes. SOAP
/// 1.1 section 5.4.2 gives the QName meaning, so this checks that every one names the same item
/// type in the output as in the input (elements in document order); a mismatch is reported as
/// a warning, not a failed round trip.
fn array_types_resolve(expected: &str, output: &str) -> Result<(), String> {
    let e = roxmltree::Document::parse(expected).map_err(|e| e.to_string())?;
    let o = roxmltree::Document::parse(output).map_err(|e| e.to_string())?;
    let key = (schemas::SOAP_ENC, "arrayType");
    let resolved = |n: roxmltree::Node<'_, '_>| {
        let v = n.attribute(key).unwrap_or("");
        let qname = v.split('[').next().unwrap_or("").trim();
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, qname),
        };
        let ns = n.lookup_namespace_uri(prefix);
        (
            v.to_string(),
            prefix.map(str::to_string),
            ns.map(str::to_string),
            local.to_string(),
        )
    };
    let with = |d: &roxmltree::Document<'_>| -> Vec<_> {
        d.descendants()
            .filter(|n| n.attribute(key).is_some())
            .map(resolved)
            .collect()
    };
    for ((ev, _, ens, el), (ov, op, ons, ol)) in with(&e).into_iter().zip(with(&o)) {
        if ons.is_none() && op.is_some() {
            return Err(format!(
                "soapenc:arrayType `{ov}`: prefix `{}` is not bound in the output (input `{ev}`)",
                op.unwrap_or_default()
            ));
        }
        if (ens, el) != (ons, ol) {
            return Err(format!(
                "soapenc:arrayType `{ov}` names another item type than the input's `{ev}`"
            ));
        }
    }
    Ok(())
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
    // Outputs xmllint cannot check go to xmlschema in one batch: (result index, schemas, xml).
    let mut second = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        let out = io.join(format!("{i}.out.xml"));
        let mut warning = None;
        let failure = match std::fs::read_to_string(&out) {
            Err(_) => Some(
                std::fs::read_to_string(io.join(format!("{i}.out.xml.err")))
                    .unwrap_or_else(|e| format!("no output: {e}")),
            ),
            Ok(output) => {
                let opts = CompareOptions {
                    resolve_qname_values: true,
                };
                let (ns, local) = (&job.root.ns, &job.root.local);
                let compared =
                    compare_with(&job.expected, &output, opts).map_err(|e| e.to_string());
                if compared.is_ok() {
                    warning = array_types_resolve(&job.expected, &output).err();
                }
                match compared {
                    Err(e) => Some(format!("differs: {e}")),
                    Ok(()) if job.validator == Validator::None => None,
                    Ok(()) => {
                        let first = match job.validator {
                            Validator::Xmllint => bundle.validate(&output, ns, local),
                            _ => Err(Lint::SchemaError(String::new())),
                        };
                        match first {
                            Err(Lint::SchemaError(_)) => {
                                match bundle.candidates(&output, ns, local) {
                                    Ok(schemas) => {
                                        second.push((results.len(), schemas, output));
                                        None
                                    }
                                    Err(e) => Some(format!("output not validated: {e}")),
                                }
                            }
                            other => other.err().map(|e| format!("output invalid: {e}")),
                        }
                    }
                }
            }
        };
        results.push(InstanceResult {
            root: job.root.clone(),
            features: job.features.clone(),
            failure,
            warning,
        });
    }
    let batch: Vec<(Vec<PathBuf>, String)> = second
        .iter()
        .map(|(_, schemas, xml)| (schemas.clone(), xml.clone()))
        .collect();
    let outcomes = xsval::validate_batch(&io.join("xmlschema"), &batch);
    for ((index, _, _), outcome) in second.iter().zip(outcomes) {
        results[*index].failure = match outcome {
            XsOutcome::Valid { .. } => None,
            XsOutcome::Invalid { reason, .. } => {
                Some(format!("output invalid: xmlschema: {reason}"))
            }
            XsOutcome::Refused(why) => Some(format!(
                "output not validated: neither xmllint nor xmlschema compiles the schemas: {why}"
            )),
        };
    }
    Ok(results)
}

/// Types of `model` some element can hold: the global elements' types and every type a field, a
/// choice branch or an `xsi:type` variant refers to.
fn used_types(model: &Model) -> BTreeSet<TypeId> {
    let mut used: BTreeSet<TypeId> = roots(model).into_values().collect();
    for t in model.types.values() {
        used.extend(instances::children(&t.kind));
    }
    used
}

/// Types reachable from the global elements `from` (their content, transitively).
fn reachable(model: &Model, from: impl IntoIterator<Item = TypeId>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<TypeId> = from.into_iter().collect();
    while let Some(id) = stack.pop() {
        if seen.insert(id)
            && let Some(t) = model.types.get(&id)
        {
            stack.extend(instances::children(&t.kind));
        }
    }
    seen
}

/// The features (as the instance writer names them) of the types of the model some element
/// can hold, and for each feature the types carrying it.
fn model_features(
    model: &Model,
    bundle: &SchemaBundle,
) -> BTreeMap<&'static str, BTreeSet<TypeId>> {
    let used = used_types(model);
    let mut f: BTreeMap<&'static str, BTreeSet<TypeId>> = BTreeMap::new();
    for (id, carried) in instances::carriers(model, bundle) {
        if used.contains(&id) {
            for x in carried {
                f.entry(x).or_default().insert(id);
            }
        }
    }
    f
}

/// Features carried only by types no element can hold (nothing refers to them), with those
/// types: they cannot occur in any document.
fn unused_features(model: &Model, bundle: &SchemaBundle) -> BTreeMap<&'static str, Vec<String>> {
    let used = model_features(model, bundle);
    let mut out: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for (id, carried) in instances::carriers(model, bundle) {
        for x in carried {
            if !used.contains_key(x) {
                let t = &model.types[&id];
                out.entry(x)
                    .or_default()
                    .push(format!("{}::{}", t.module, t.name));
            }
        }
    }
    out
}

/// Greedy feature cover: indices of at most `max` items (none of `exclude`), each adding the
/// most features not yet covered (ties: the first), until no item adds one.
fn cover<T, F, C>(items: &[T], features: F, max: usize, exclude: &[usize]) -> Vec<usize>
where
    F: Fn(&T) -> &C,
    for<'c> &'c C: IntoIterator<Item = &'c &'static str>,
{
    let mut covered: BTreeSet<&'static str> = BTreeSet::new();
    let mut picked = Vec::new();
    while picked.len() < max {
        let best = items
            .iter()
            .enumerate()
            .filter(|(k, _)| !picked.contains(k) && !exclude.contains(k))
            .map(|(k, t)| {
                let new = features(t)
                    .into_iter()
                    .filter(|f| !covered.contains(**f))
                    .count();
                (new, std::cmp::Reverse(k))
            })
            .max();
        match best {
            Some((new, std::cmp::Reverse(k))) if new > 0 => {
                covered.extend(features(&items[k]).into_iter().copied());
                picked.push(k);
            }
            _ => break,
        }
    }
    picked
}

/// Rounds of guided instances (see `run_set`), and instances validated per missing feature in
/// each.
const GUIDED_ROUNDS: usize = 3;
const GUIDED_PER_FEATURE: usize = 3;

fn job((q, id): &(QName, TypeId), inst: instances::Instance) -> Job {
    Job {
        root: q.clone(),
        ty: *id,
        xml: inst.xml,
        expected: inst.expected,
        features: inst.features.into_iter().collect(),
        validator: Validator::Xmllint,
    }
}

/// Validates candidate instances (xmllint, then xmlschema in one batch for what libxml2
/// cannot compile) and returns the valid ones, counting everything in `report`.
impl SetReport {
    /// An instance the validator rejected: the first reason per feature it carried (so a
    /// feature never round-tripped can say why), and a few samples for the notes.
    fn record_invalid(&mut self, job: &Job, why: String) {
        for f in &job.features {
            self.feature_invalid.entry(f).or_insert_with(|| why.clone());
        }
        if self.invalid_samples.len() < 3 {
            self.invalid_samples.push(why);
        }
    }
}

fn validate_jobs(
    report: &mut SetReport,
    bundle: &SchemaBundle,
    dir: &Path,
    candidates: Vec<Job>,
) -> Result<Vec<Job>, HarnessError> {
    let mut jobs = Vec::new();
    let mut second = Vec::new();
    for job in candidates {
        report.candidates += 1;
        let q = job.root.clone();
        match bundle.validate(&job.xml, &q.ns, &q.local) {
            Ok(()) => {
                report.valid_instances += 1;
                jobs.push(job);
            }
            Err(Lint::SchemaError(e)) => {
                report
                    .schema_error
                    .get_or_insert(format!("{}: {e}", q.local));
                match bundle.candidates(&job.xml, &q.ns, &q.local) {
                    Ok(schemas) => second.push((schemas, job)),
                    Err(e) => {
                        report.invalid_samples.push(format!("{}: {e}", q.local));
                    }
                }
            }
            Err(e) => report.record_invalid(&job, format!("{}: {e}", q.local)),
        }
    }
    // The second validator, in one batch, for what xmllint cannot compile.
    let batch: Vec<(Vec<PathBuf>, String)> = second
        .iter()
        .map(|(schemas, job)| (schemas.clone(), job.xml.clone()))
        .collect();
    let outcomes = xsval::validate_batch(&dir.join("xmlschema"), &batch);
    for ((_, mut job), outcome) in second.into_iter().zip(outcomes) {
        match outcome {
            XsOutcome::Valid { how } => {
                report.xmlschema_valid += 1;
                if how != "strict" || report.xmlschema_how.is_none() {
                    report.xmlschema_how = Some(how);
                }
                job.validator = Validator::XmlSchema;
                jobs.push(job);
            }
            XsOutcome::Invalid { reason, .. } => {
                report.xmlschema_invalid += 1;
                let why = format!("{}: xmlschema: {reason}", job.root.local);
                report.record_invalid(&job, why);
            }
            XsOutcome::Refused(why) => {
                report.unvalidated_instances += 1;
                report
                    .xmlschema_refusal
                    .get_or_insert(format!("{}: {why}", job.root.local));
                job.validator = Validator::None;
                jobs.push(job);
            }
        }
    }
    Ok(jobs)
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

    let mut bundle = SchemaBundle::new(
        &generation.generated.files_read,
        catalog.as_deref(),
        &dir.join("schemas"),
    )?;
    // Too few global elements to fill the sample (rpc/encoded WSDLs declare none): every named
    // type gets a global element in a wrapper schema, generated together with the set for the
    // round-trip crate (the row's lines and build time stay those of the set alone).
    let mut generation = generation;
    if bundle.global_elements() < opts.instances {
        let mut names = BTreeSet::new();
        let elements: Vec<(String, QName)> = bundle
            .named_types()
            .into_iter()
            .map(|t| {
                let mut name = t.local.clone();
                let mut k = 1;
                while !names.insert(name.clone()) {
                    k += 1;
                    name = format!("{}_{k}", t.local);
                }
                (name, t)
            })
            .collect();
        if !elements.is_empty() {
            let wrapper = dir.join("types-wrapper.xsd");
            std::fs::write(&wrapper, schemas::types_wrapper(&elements))
                .map_err(|e| HarnessError::io(&wrapper, e))?;
            let mut with_wrapper = inputs.clone();
            with_wrapper.push(wrapper);
            generation = build::generate(&with_wrapper, catalog.as_deref())?;
            bundle = SchemaBundle::new(
                &generation.generated.files_read,
                catalog.as_deref(),
                &dir.join("schemas"),
            )?;
            report.wrapped_types = elements.len();
        }
    }
    let model = &generation.generated.model;
    let carriers = model_features(model, &bundle);
    report.model_features = carriers.keys().copied().collect();
    let all: Vec<(QName, TypeId)> = roots(model)
        .into_iter()
        .filter(|(q, _)| bundle.declares(&q.ns, &q.local))
        .collect();
    report.undeclared_roots = roots(model).len() - all.len();
    // Writing an instance is cheap, validating one is not: every root gets one, then the
    // candidates are chosen to cover every feature some instance exercises, and the rest of
    // the sample is spread over the whole (name-ordered) set, deterministically.
    let mut unwritten: Vec<String> = Vec::new();
    let written: Vec<(usize, instances::Instance)> = all
        .iter()
        .enumerate()
        .filter_map(
            |(k, (q, id))| match instances::instance(model, &bundle, *id, q, k + 1, None) {
                Ok(i) => Some((k, i)),
                Err(e) => {
                    unwritten.push(format!("{}: {e}", q.local));
                    None
                }
            },
        )
        .collect();
    report.unwritten = unwritten;
    // Three covers, so that a feature survives an instance the validators reject.
    let mut chosen = Vec::new();
    for _ in 0..3 {
        let left = opts.candidates.saturating_sub(chosen.len());
        let more = cover(&written, |(_, i)| &i.features, left, &chosen);
        chosen.extend(more);
    }
    let step = written.len().div_ceil(opts.candidates.max(1)).max(1);
    for k in (0..written.len()).step_by(step) {
        if chosen.len() >= opts.candidates {
            break;
        }
        if !chosen.contains(&k) {
            chosen.push(k);
        }
    }
    chosen.sort_unstable();
    let mut tried: BTreeSet<String> = BTreeSet::new();
    let first: Vec<Job> = chosen
        .into_iter()
        .map(|c| {
            let (k, inst) = written[c].clone();
            tried.insert(inst.xml.clone());
            job(&all[k], inst)
        })
        .collect();
    let mut jobs = validate_jobs(&mut report, &bundle, &dir, first)?;
    // Guided rounds: for the features of the model no valid instance exercises yet, instances
    // written towards them (see `instances::Guide`), the smallest few per feature, validated
    // like the others.
    for round in 0..GUIDED_ROUNDS {
        let have: BTreeSet<&str> = jobs
            .iter()
            .flat_map(|j| j.features.iter().copied())
            .collect();
        let missing: instances::Features = report
            .model_features
            .iter()
            .copied()
            .filter(|f| !have.contains(f))
            .collect();
        if missing.is_empty() {
            break;
        }
        let guide = instances::Guide::new(model, &bundle, &missing);
        let mut guided: Vec<(usize, instances::Instance)> = Vec::new();
        for (k, (q, id)) in all.iter().enumerate() {
            let seed = k + 1 + (round + 1) * all.len();
            match instances::instance(model, &bundle, *id, q, seed, Some(&guide)) {
                Ok(i) if i.features.iter().any(|f| missing.contains(f)) => {
                    if !tried.contains(&i.xml) {
                        guided.push((k, i));
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    for f in &missing {
                        report
                            .guided_unwritten
                            .entry(f)
                            .or_insert_with(|| format!("{}: {e}", q.local));
                    }
                }
            }
        }
        guided.sort_by_key(|(_, i)| i.xml.len());
        let mut picked: Vec<usize> = Vec::new();
        for f in &missing {
            let with: Vec<usize> = (0..guided.len())
                .filter(|&g| guided[g].1.features.contains(f) && !picked.contains(&g))
                .take(GUIDED_PER_FEATURE)
                .collect();
            if with.is_empty() {
                report.feature_unreached.insert(f);
            }
            picked.extend(with);
        }
        if picked.is_empty() {
            break;
        }
        let more: Vec<Job> = picked
            .into_iter()
            .map(|g| {
                let (k, inst) = guided[g].clone();
                tried.insert(inst.xml.clone());
                job(&all[k], inst)
            })
            .collect();
        report.guided += more.len();
        jobs.extend(validate_jobs(&mut report, &bundle, &dir, more)?);
    }
    // Every feature a valid instance exercises first, then those exercising most features.
    let mut order = cover(&jobs, |j| &j.features, opts.instances, &[]);
    let mut rest: Vec<usize> = (0..jobs.len()).filter(|k| !order.contains(k)).collect();
    rest.sort_by_key(|&k| std::cmp::Reverse(jobs[k].features.len()));
    order.extend(rest);
    order.truncate(opts.instances);
    let mut slots: Vec<Option<Job>> = jobs.into_iter().map(Some).collect();
    let jobs: Vec<Job> = order.into_iter().filter_map(|k| slots[k].take()).collect();
    if !jobs.is_empty() {
        report.roundtrips = run_jobs(&dir, &target, &krate, &generation.generated, &bundle, &jobs)?;
    }
    explain(&mut report, model, &bundle, &carriers, &all);
    Ok(report)
}

/// Says, for every feature of the model no passing round trip exercised, why.
fn explain(
    report: &mut SetReport,
    model: &Model,
    bundle: &SchemaBundle,
    carriers: &BTreeMap<&'static str, BTreeSet<TypeId>>,
    roots: &[(QName, TypeId)],
) {
    let ok: BTreeSet<&str> = report
        .roundtrips
        .iter()
        .filter(|x| x.failure.is_none())
        .flat_map(|x| x.features.iter().copied())
        .collect();
    let reach = reachable(model, roots.iter().map(|(_, id)| *id));
    let names = |types: &mut dyn Iterator<Item = &TypeId>| {
        let all: Vec<String> = types
            .map(|id| format!("`{}::{}`", model.types[id].module, model.types[id].name))
            .collect();
        let mut s = all.iter().take(4).cloned().collect::<Vec<_>>().join(", ");
        if all.len() > 4 {
            let _ = write!(s, " and {} more", all.len() - 4);
        }
        s
    };
    for (f, types) in carriers {
        if ok.contains(f) {
            continue;
        }
        let why = if types.iter().all(|t| !reach.contains(t)) {
            report.unexercisable.insert(f);
            format!(
                "only in types that the content of no global element reaches: {}",
                names(&mut types.iter())
            )
        } else if let Some(e) = report.feature_invalid.get(f) {
            format!("every instance exercising it is invalid, e.g. {e}")
        } else if report.feature_unreached.contains(f) {
            let how = report
                .guided_unwritten
                .get(f)
                .map(|e| format!(" (e.g. {e})"))
                .unwrap_or_default();
            format!(
                "no instance the writer can write reaches it{how}; carried by {}",
                names(&mut types.iter().filter(|t| reach.contains(t)))
            )
        } else {
            "valid instances exercise it, but none passed a round trip (see failures)".to_string()
        };
        report.feature_notes.push((f, why));
    }
    for (f, types) in unused_features(model, bundle) {
        if !ok.contains(f) {
            let mut list = types
                .iter()
                .take(4)
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ");
            if types.len() > 4 {
                let _ = write!(list, " and {} more", types.len() - 4);
            }
            report.unused.insert(f, vec![list]);
        }
    }
}

/// A cold build of one set: a fresh target directory, the runtime and its dependencies first,
/// then the set's crate alone.
#[derive(Debug)]
pub struct ColdBuild {
    /// The set.
    pub name: String,
    /// Generated lines.
    pub lines: usize,
    /// The runtime and its dependencies, from nothing.
    pub runtime: Duration,
    /// The set's crate, on top of the prebuilt runtime.
    pub krate: Duration,
    /// CPU time (user + system) of the runtime build and of the crate build, if known.
    pub cpu: (Option<Duration>, Option<Duration>),
    /// Build errors (empty on success).
    pub errors: Vec<String>,
    /// Logical CPUs cargo could use.
    pub cpus: usize,
    /// The 1-minute load average when the build started (Linux `/proc/loadavg`), if known.
    pub load: Option<String>,
}

/// Builds one set cold (see [`ColdBuild`]) in `<work>/cold-target`, which is removed before and after.
pub fn cold_build(set: &Path, work: &Path) -> Result<ColdBuild, HarnessError> {
    let name = set
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let inputs = entries(set)?;
    let catalog = set.join("catalog.xml");
    let catalog = catalog.is_file().then_some(catalog);
    let generation = build::generate(&inputs, catalog.as_deref())?;
    let dir = work.join(&name);
    build::write_crate(&dir, &crate_name(&name), &generation.generated, None)?;
    let target = work.join("cold-target");
    if target.exists() {
        std::fs::remove_dir_all(&target).map_err(|e| HarnessError::io(&target, e))?;
    }
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string));
    let runtime = build::warm_up_in(work, &target)?;
    let krate = build::cargo_build(&dir, &target, "--lib")?;
    // A cold target is a second copy of every dependency (gigabytes); nothing reuses it.
    std::fs::remove_dir_all(&target).map_err(|e| HarnessError::io(&target, e))?;
    let mut errors = runtime.errors;
    errors.extend(krate.errors);
    Ok(ColdBuild {
        name,
        lines: generation.lines,
        runtime: runtime.time,
        krate: krate.time,
        cpu: (runtime.cpu, krate.cpu),
        errors,
        cpus: std::thread::available_parallelism().map_or(1, usize::from),
        load,
    })
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
            expected: xml.clone(),
            xml,
            features: Vec::new(),
            validator: Validator::Xmllint,
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

/// The header of CORPUS.md: what the harness does, the rules it applies to every set alike.
const HEADER: &str = "# Real-world corpus results

Written by `cargo run -p soapstone-corpus -- corpus` (see `corpus/`; CI writes `target/CORPUS.md` \
the same way). Every set of `../shared/corpus` is generated with zero per-set configuration (the \
set's `catalog.xml` only) and built as a crate under `#![deny(warnings)]` (debug, shared \
`target/`, runtime without default features prebuilt; `build (s)` is that crate alone, and is \
near 0 when an earlier run left it unchanged). Then instances written from the model for a \
sample of global elements are validated against the original schemas, read into the generated \
type (strict), written back, compared namespace-aware with the input, and the output is \
validated again by the same validator.

Rules applied to every set the same way:

- **Sample**: an instance is written for every global element (abstract ones excepted); up to \
{candidates} of them are validated: first a greedy cover of every feature some instance \
exercises, then the rest spread evenly over the name-ordered list. Then up to 3 guided rounds: \
for the features of the model no valid instance exercises yet, every global element gets an \
instance written towards them (optional content, choice branches and `xsi:type` variants that \
lead to a type carrying a wanted feature are preferred, at any depth), and the 3 smallest per \
feature are validated too (counted in `instances valid / tried`). Up to {instances} valid ones \
are round-tripped: again a feature cover first, then those exercising most features.
- **Type wrapper**: a set whose schemas declare fewer global elements than the sample \
({instances}) (rpc/encoded WSDLs declare none) also gets, for the round trips only, a generated \
schema `types-wrapper.xsd` in namespace `urn:soapstone:corpus:types` declaring one element per \
named, non-abstract type (`<xs:element name=\"T\" type=\"tns:T\"/>`, location-less imports). It \
is generated together with the set's files into the round-trip crate and used for validation; \
the row's lines and build time are those of the set alone.
- **SOAP encoding**: `soapenc:Array` restrictions with a `wsdl:arrayType` are written as SOAP \
encoding writes them: `soapenc:arrayType=\"p:Item[n]\"`, and an `xsi:type` naming the declared \
type on the array and on each member. Those `xsi:type`s are redundant (they name the element's \
own declared type), so the expected output omits them. The arrayType QName should resolve to \
the same item type in the output; where it does not, the round trip is listed under the notes as \
a loss of SOAP-encoding meaning, not as a failure (the SOAP 1.1 encoding schema declares the \
attribute `xs:string`, so the XML round trip itself holds). For validation only, a restriction of `soapenc:Array` without a \
particle (empty content if read literally) gets the content SOAP 1.1 section 5.4.2 gives it: \
`<xs:sequence><xs:element name=\"item\" type=\"Item\" form=\"unqualified\" minOccurs=\"0\" \
maxOccurs=\"unbounded\"/></xs:sequence>`; the SOAP 1.1 encoding schema (imported without a \
location) is supplied by the harness, as is the `xml:` namespace schema.
- **Features**: the instance writer records what each instance exercises: `polymorphic` (an \
element whose type has derived types), `xsi:type` (a derived type selected by it), `substitution \
group` (a member element in place of its head), `choice`, `any` (an element a wildcard admits, \
in a namespace the wildcard allows), `mixed`, `list`, `union`, `nil` (`xsi:nil` on a nillable \
element), `soapenc:Array` / `encoded xsi:type`, `repeated branch` (a repeated choice branch). \
A feature is in the model when a type some element can hold carries it (a type no field, \
branch, variant or global element refers to cannot occur in a document; such types are named \
in the notes). The last column lists features of the model that no passing round trip \
exercised; for each, the notes say why. A feature carried only by types that the content of no \
global element reaches (so no document can hold it) is left out of the column and named in the \
notes.
- **Wildcards**: where a `##any`/`##other` wildcard allows it, the writer puts an element \
`extra` of the harness's namespace `urn:soapstone:corpus:any` (mixed content, an attribute, a \
child); a harness schema declares it (`xs:anyType`) and is imported for validation, so strict \
wildcards find a declaration. Other wildcards get an undeclared element of a namespace they \
allow.
- **Validators**: xmllint (libxml2) first, against the schema document declaring the root; a \
document it finds invalid is validated again against a wrapper importing every namespace of \
the set (an `xsi:type` may name a type of a namespace that document does not import), and is \
valid if that accepts it. Where libxml2 cannot compile the schemas, Python \
`xmlschema` validates instead (input and output). It builds the schema strictly; when the only \
error is a content model breaking Unique Particle Attribution it rebuilds it in lax mode (every \
component kept, the non-deterministic model matched greedily, which can only reject valid \
documents, never accept invalid ones). Any other schema error is a refusal, listed below with \
the reason; instances whose schemas neither validator compiles are round-tripped and compared \
but counted as unvalidated.
";

/// Renders CORPUS.md.
pub fn render(
    reports: &[SetReport],
    opts: &RunOptions,
    total: Duration,
    cold: Option<&ColdBuild>,
) -> String {
    let mut s = HEADER
        .replace("{candidates}", &opts.candidates.to_string())
        .replace("{instances}", &opts.instances.to_string());
    let _ = writeln!(s, "\nTotal wall time of this run: {} s.\n", secs(total));
    s.push_str(
        "| set | entries | files read | types | operations | warnings | gen (s) | lines | build (s) | build | instances valid / tried | validated by | round trips ok / run | features round-tripped | in the model, not round-tripped |\n\
         |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
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
        let missing: Vec<&str> = r
            .model_features
            .iter()
            .copied()
            .filter(|f| !feats.contains(f) && !r.unexercisable.contains(f))
            .collect();
        let mut valid = r.valid_instances.to_string();
        let mut by = Vec::new();
        if r.valid_instances > 0 {
            by.push("xmllint");
        }
        if r.xmlschema_valid > 0 {
            let _ = write!(valid, " + {}", r.xmlschema_valid);
            by.push(
                if r.xmlschema_how.as_deref().is_some_and(|h| h != "strict") {
                    "xmlschema (lax: UPA)"
                } else {
                    "xmlschema"
                },
            );
        }
        if r.unvalidated_instances > 0 {
            let _ = write!(valid, " (+{} unvalidated)", r.unvalidated_instances);
            by.push("none");
        }
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} / {} | {} | {} / {} | {} | {} |",
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
            by.join(" + "),
            ok,
            r.roundtrips.len(),
            feats.join(", "),
            missing.join(", ")
        );
    }
    if let Some(c) = cold {
        let _ = writeln!(
            s,
            "\n## Cold build of the largest set\n\n\
             The set with the most generated lines, **{}** ({} lines), built again from a fresh \
             target directory (debug, {} CPUs, load average {} at the start, so the wall times \
             include other work on the machine): runtime and its dependencies **{} s** wall \
             ({} s CPU), then the generated crate alone **{} s** wall ({} s CPU){}. The CPU \
             time (user + system of cargo and rustc) bounds the wall time an otherwise idle \
             machine would need.",
            c.name,
            c.lines,
            c.cpus,
            c.load.as_deref().unwrap_or("unknown"),
            secs(c.runtime),
            c.cpu.0.map_or("?".to_string(), secs),
            secs(c.krate),
            c.cpu.1.map_or("?".to_string(), secs),
            if c.errors.is_empty() {
                String::new()
            } else {
                format!("; errors: {}", first_line(&c.errors.join(" ")))
            }
        );
    }
    s.push_str("\n## Notes per set\n\n");
    let mut any = false;
    for r in reports {
        let warned: Vec<&InstanceResult> = r
            .roundtrips
            .iter()
            .filter(|x| x.warning.is_some())
            .collect();
        if let Some(first) = warned.first() {
            any = true;
            let _ = writeln!(
                s,
                "- **{}**: {} round trips pass as XML but lose SOAP-encoding meaning, e.g. \
                 `{{{}}}{}`: {}",
                r.name,
                warned.len(),
                first.root.ns,
                first.root.local,
                first_line(first.warning.as_deref().unwrap_or(""))
            );
        }
        for (f, why) in &r.feature_notes {
            any = true;
            let _ = writeln!(
                s,
                "- **{}**: `{f}` is in the model but not round-tripped: {}",
                r.name,
                first_line(why)
            );
        }
        for (f, types) in &r.unused {
            any = true;
            let _ = writeln!(
                s,
                "- **{}**: `{f}` also occurs in types no field, branch, variant or global element \
                 refers to, so no document can hold them: {}",
                r.name,
                types.join(", ")
            );
        }
        if let Some(first) = r.unwritten.first() {
            any = true;
            let _ = writeln!(
                s,
                "- **{}**: {} global elements get no instance, e.g. {}",
                r.name,
                r.unwritten.len(),
                first_line(first)
            );
        }
        if r.wrapped_types > 0 {
            any = true;
            let _ = writeln!(
                s,
                "- **{}**: the schemas declare fewer global elements than the sample; {} named \
                 types were given one by the type wrapper",
                r.name, r.wrapped_types
            );
        }
        if let Some(e) = &r.schema_error {
            any = true;
            let how = match r.xmlschema_how.as_deref() {
                Some("strict") => "schemas built strictly".to_string(),
                Some(h) => first_line(h),
                None => "none".to_string(),
            };
            let _ = write!(
                s,
                "- **{}**: xmllint cannot compile the schemas of some roots ({})",
                r.name,
                first_line(e)
            );
            if r.xmlschema_valid + r.xmlschema_invalid > 0 {
                let _ = write!(
                    s,
                    "; xmlschema validated {} of those instances and their outputs ({}), found \
                     {} invalid",
                    r.xmlschema_valid, how, r.xmlschema_invalid
                );
            }
            s.push('\n');
        }
        if let Some(e) = &r.xmlschema_refusal {
            any = true;
            let _ = writeln!(
                s,
                "- **{}**: {} instances not validated (round-tripped and compared only): \
                 xmlschema refuses the schemas too: {}",
                r.name,
                r.unvalidated_instances,
                first_line(e)
            );
        }
    }
    if !any {
        s.push_str("None.\n");
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
                "- **{}**: not round-tripped: the schemas declare no global element and no \
                 named type ({} root structs are RPC wrappers, which no schema declares)",
                r.name, r.undeclared_roots
            );
        }
        if r.roundtrips.is_empty() && r.candidates > 0 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_type_qnames_must_resolve_alike() {
        let input = r#"<a xmlns:e="http://schemas.xmlsoap.org/soap/encoding/" xmlns:it="urn:m" e:arrayType="it:Ref[2]"/>"#;
        let same = r#"<a xmlns:x="http://schemas.xmlsoap.org/soap/encoding/" xmlns:n="urn:m" x:arrayType="n:Ref[2]"/>"#;
        assert_eq!(array_types_resolve(input, same), Ok(()));
        let unbound =
            r#"<a xmlns:x="http://schemas.xmlsoap.org/soap/encoding/" x:arrayType="it:Ref[2]"/>"#;
        let err = array_types_resolve(input, unbound).unwrap_err();
        assert!(err.contains("prefix `it` is not bound"), "{err}");
        let other = r#"<a xmlns:x="http://schemas.xmlsoap.org/soap/encoding/" xmlns:it="urn:o" x:arrayType="it:Ref[2]"/>"#;
        assert!(array_types_resolve(input, other).is_err());
    }

    #[test]
    fn cover_picks_new_features_first_and_stops() {
        let items: Vec<Vec<&'static str>> =
            vec![vec!["a"], vec!["a", "b"], vec!["c"], vec!["b", "c"], vec![]];
        assert_eq!(cover(&items, |v| v, 10, &[]), vec![1, 2]);
        assert_eq!(cover(&items, |v| v, 1, &[]), vec![1]);
        assert_eq!(cover(&items, |v| v, 10, &[1, 2]), vec![3, 0]);
        assert!(cover(&items[4..], |v| v, 10, &[]).is_empty());
    }
}
