//! Running the independent SOAP peers of the interop tests: gSOAP (C++) and zeep (Python).
//!
//! - gSOAP: [`gsoap_peers`] generates the C++ bindings of the Oracle chat WSDLs with
//!   `wsdl2h`/`soapcpp2` into `target/interop/gsoap/<input hash>/` and compiles our drivers
//!   (`tests/interop/gsoap/`) against them, once per input hash. The generated code is GPL and
//!   only ever lives under `target/`. [`start_gsoap_server`] runs the mock chat service,
//!   [`run_gsoap_client`] the full Oracle flow against any site endpoint.
//! - zeep: [`zeep_envelopes`], [`zeep_parse`] and [`zeep_call`] run
//!   `tests/interop/zeep_peer.py`.
//!
//! Every peer is required: a missing tool is an [`InteropError::ToolNotFound`], never a skip.
//! Every process is bounded: servers bind 127.0.0.1 only, stop after a request count or a
//! lifetime, and are killed by pid when their [`ServerProcess`] guard drops; one-shot commands
//! are killed when their timeout expires.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::{
    SOAP11_ENV_NS, SoapError, SoapParts, SupportError, schema_for_namespace, soap_parts,
    workspace_root, wsdl_dir, xmllint_validate,
};

/// Oracle site v1_1, relative to `wsdl/` (the chat WSDLs as the peers load them).
pub const SITE_V1_1: &str = "oracle/chat-site-v1_1.wsdl";
/// Oracle site v1_2.
pub const SITE_V1_2: &str = "oracle/chat-site-v1_2.wsdl";
/// The Oracle chat server.
pub const SERVER: &str = "oracle/chat-server.wsdl";
/// Cisco ECE 11.6.
pub const ECE: &str = "ece/ece-chat-11.6.wsdl";

/// The seven Oracle operations, in the order of the end-user flow.
pub const ORACLE_OPERATIONS: [&str; 7] = [
    "GetChatOperatingHours",
    "GetChatUrl",
    "RequestChat",
    "SendActivityChange",
    "PostChatMessage",
    "RetrieveMessages",
    "TerminateChat",
];

/// Errors of the interop harness.
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    /// A peer tool is missing; `hint` says how to install it.
    #[error("{tool} was not found ({hint}); the interop tests require it")]
    ToolNotFound { tool: String, hint: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// A command ran and failed.
    #[error("`{command}` failed ({status}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}")]
    CommandFailed {
        command: String,
        status: String,
        stdout: String,
        stderr: String,
    },
    /// A command did not finish in time and was killed.
    #[error(
        "`{command}` did not finish within {seconds}s and was killed:\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    )]
    Timeout {
        command: String,
        seconds: u64,
        stdout: String,
        stderr: String,
    },
    /// A server exited or stayed silent before printing its ready line.
    #[error("`{command}` did not print its ready line: {reason}\n--- stderr\n{stderr}")]
    NotReady {
        command: String,
        reason: String,
        stderr: String,
    },
    /// A peer printed something the harness cannot read.
    #[error("unexpected output of `{command}`: {reason}")]
    BadOutput { command: String, reason: String },
    /// The gSOAP build failed earlier in this test process (the build runs once).
    #[error("the gSOAP peers could not be built:\n{0}")]
    GsoapBuild(String),
    #[error("not a usable SOAP 1.1 envelope: {0}")]
    Envelope(#[from] SoapError),
    #[error(transparent)]
    Support(#[from] SupportError),
    /// An envelope part is in a namespace that no schema of `wsdl/` declares.
    #[error("{element} is in namespace {namespace:?}, which no schema in wsdl/ declares")]
    NoSchema { element: String, namespace: String },
    /// An envelope part does not validate against the schema of its namespace.
    #[error("{element} does not validate against {schema}:\n{output}\n--- part\n{xml}")]
    Invalid {
        element: String,
        schema: PathBuf,
        output: String,
        xml: String,
    },
}

fn io_error(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> InteropError {
    let context = context.into();
    move |source| InteropError::Io { context, source }
}

// ------------------------------------------------------------------------------ locations

/// `tests/interop/`: the peers' sources (ours).
pub fn interop_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("interop")
}

/// `target/interop/` (or `$CARGO_TARGET_DIR/interop/`): generated code, binaries, scratch files.
pub fn build_root() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("interop")
}

/// A fresh, empty directory under [`build_root`] for one test's files (kept after the test, so
/// that a failure can be inspected; the next run with the same `name` starts clean).
pub fn scratch_dir(name: &str) -> Result<PathBuf, InteropError> {
    let dir = build_root().join("scratch").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(io_error(format!("removing {}", dir.display())))?;
    }
    std::fs::create_dir_all(&dir).map_err(io_error(format!("creating {}", dir.display())))?;
    Ok(dir)
}

/// `tool` from the environment variable `env` if set, else the first `names` entry on `PATH`.
pub fn find_tool(env: &str, names: &[&str], hint: &str) -> Result<PathBuf, InteropError> {
    let not_found = || InteropError::ToolNotFound {
        tool: names.first().copied().unwrap_or(env).to_owned(),
        hint: format!("set {env} or {hint}"),
    };
    if let Some(explicit) = std::env::var_os(env) {
        let path = PathBuf::from(explicit);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(not_found())
        };
    }
    let path = std::env::var_os("PATH").ok_or_else(not_found)?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .ok_or_else(not_found)
}

// ------------------------------------------------------------------------- processes

/// What a finished process printed.
#[derive(Debug, Clone)]
pub struct ProcessOutput {
    /// The command line, for messages.
    pub command: String,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl ProcessOutput {
    pub fn success(&self) -> bool {
        self.status.success()
    }

    /// `Ok(self)` when the process exited 0, else [`InteropError::CommandFailed`].
    pub fn require_success(self) -> Result<Self, InteropError> {
        if self.success() {
            Ok(self)
        } else {
            Err(InteropError::CommandFailed {
                command: self.command,
                status: self.status.to_string(),
                stdout: self.stdout,
                stderr: self.stderr,
            })
        }
    }
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Collects a pipe into a shared buffer from a thread, so that a chatty process never blocks.
fn collect<R: Read + Send + 'static>(pipe: R) -> (Arc<Mutex<String>>, JoinHandle<()>) {
    let buffer = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&buffer);
    let handle = std::thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        let mut line = String::new();
        while matches!(reader.read_line(&mut line), Ok(n) if n > 0) {
            if let Ok(mut text) = sink.lock() {
                text.push_str(&line);
            }
            line.clear();
        }
    });
    (buffer, handle)
}

fn take(buffer: &Arc<Mutex<String>>) -> String {
    buffer.lock().map(|text| text.clone()).unwrap_or_default()
}

/// Runs `command` to completion with its output captured; kills it (by pid) after `timeout`.
pub fn run_with_timeout(
    mut command: Command,
    timeout: Duration,
) -> Result<ProcessOutput, InteropError> {
    let text = describe(&command);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(io_error(format!("starting `{text}`")))?;
    let (stdout, out_thread) = collect(child.stdout.take().ok_or_else(|| {
        io_error(format!("`{text}` stdout"))(std::io::Error::other("not captured"))
    })?);
    let (stderr, err_thread) = collect(child.stderr.take().ok_or_else(|| {
        io_error(format!("`{text}` stderr"))(std::io::Error::other("not captured"))
    })?);
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                // The process may exit between try_wait and kill; either way it is gone after.
                let _ = child.kill();
                let _ = child.wait();
                let _ = out_thread.join();
                let _ = err_thread.join();
                return Err(InteropError::Timeout {
                    command: text,
                    seconds: timeout.as_secs(),
                    stdout: take(&stdout),
                    stderr: take(&stderr),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(io_error(format!("waiting for `{text}`"))(e)),
        }
    };
    // The pipes close when the process exits, so these joins end.
    let _ = out_thread.join();
    let _ = err_thread.join();
    Ok(ProcessOutput {
        command: text,
        status,
        stdout: take(&stdout),
        stderr: take(&stderr),
    })
}

/// A server process started by the harness. Dropping it kills the process by its pid.
#[derive(Debug)]
pub struct ServerProcess {
    command: String,
    child: Child,
    /// Where it listens (always 127.0.0.1).
    pub addr: SocketAddr,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl ServerProcess {
    /// Starts `command` and waits up to `ready_timeout` for a stdout line
    /// `<ready_prefix><ip>:<port>`; the address must be on 127.0.0.1.
    pub fn spawn(
        mut command: Command,
        ready_prefix: &str,
        ready_timeout: Duration,
    ) -> Result<Self, InteropError> {
        let text = describe(&command);
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(io_error(format!("starting `{text}`")))?;
        let (stderr, _) = match child.stderr.take() {
            Some(pipe) => collect(pipe),
            None => (
                Arc::new(Mutex::new(String::new())),
                std::thread::spawn(|| {}),
            ),
        };
        let Some(pipe) = child.stdout.take() else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io_error(format!("`{text}` stdout"))(std::io::Error::other(
                "not captured",
            )));
        };
        // The first line goes through a channel (so that the wait can time out); the rest of
        // stdout is collected like stderr.
        let stdout = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stdout);
        let (ready_tx, ready_rx) = mpsc::channel::<String>();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(pipe);
            let mut line = String::new();
            let mut first = true;
            while matches!(reader.read_line(&mut line), Ok(n) if n > 0) {
                if first {
                    let _ = ready_tx.send(line.trim_end().to_owned());
                    first = false;
                } else if let Ok(mut text) = sink.lock() {
                    text.push_str(&line);
                }
                line.clear();
            }
        });
        let mut server = ServerProcess {
            command: text.clone(),
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            stdout,
            stderr,
        };
        let not_ready = |server: &mut ServerProcess, reason: String| {
            server.kill();
            InteropError::NotReady {
                command: text.clone(),
                reason,
                stderr: take(&server.stderr),
            }
        };
        let line = match ready_rx.recv_timeout(ready_timeout) {
            Ok(line) => line,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let reason = format!("nothing after {}s", ready_timeout.as_secs_f32());
                return Err(not_ready(&mut server, reason));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = server
                    .child
                    .wait()
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                return Err(not_ready(&mut server, format!("it exited ({status})")));
            }
        };
        let addr = line
            .strip_prefix(ready_prefix)
            .and_then(|rest| rest.trim().parse::<SocketAddr>().ok());
        match addr {
            Some(addr) if addr.ip().is_loopback() && addr.port() != 0 => {
                server.addr = addr;
                Ok(server)
            }
            _ => Err(not_ready(
                &mut server,
                format!("expected `{ready_prefix}127.0.0.1:<port>`, got {line:?}"),
            )),
        }
    }

    /// The OS process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `http://127.0.0.1:<port>` (no trailing slash).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Waits up to `timeout` for the process to exit on its own (request count or lifetime
    /// reached); `None` if it is still running.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<Option<ExitStatus>, InteropError> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return Ok(Some(status)),
                Ok(None) if Instant::now() >= deadline => return Ok(None),
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(io_error(format!("waiting for `{}`", self.command))(e)),
            }
        }
    }

    /// What the server printed on stderr so far.
    pub fn stderr(&self) -> String {
        take(&self.stderr)
    }

    /// What the server printed on stdout after its ready line, so far.
    pub fn stdout(&self) -> String {
        take(&self.stdout)
    }

    fn kill(&mut self) {
        // Kill by pid (std sends SIGKILL to this child only); an already exited child is fine.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

// ------------------------------------------------------------------------------- gSOAP

/// The compiled gSOAP peers.
#[derive(Debug, Clone)]
pub struct GsoapPeers {
    /// The mock chat service (`tests/interop/gsoap/chat_server.cpp`).
    pub server: PathBuf,
    /// The Oracle flow client (`tests/interop/gsoap/chat_client.cpp`).
    pub client: PathBuf,
    /// The build directory (generated code, objects, binaries).
    pub dir: PathBuf,
    /// How long generating and compiling took; `None` when a cached build was reused.
    pub build_time: Option<Duration>,
}

/// The WSDLs the gSOAP peers are generated from (relative to `wsdl/`): one binary serves both.
const GSOAP_WSDLS: [&str; 2] = ["oracle/chat-server.wsdl", "oracle/chat-site-v1_2.wsdl"];

/// Builds the gSOAP peers once per test process (and once per input hash on disk).
pub fn gsoap_peers() -> Result<GsoapPeers, InteropError> {
    static PEERS: OnceLock<Result<GsoapPeers, String>> = OnceLock::new();
    PEERS
        .get_or_init(|| build_gsoap_peers().map_err(|e| e.to_string()))
        .clone()
        .map_err(InteropError::GsoapBuild)
}

struct GsoapTools {
    wsdl2h: PathBuf,
    soapcpp2: PathBuf,
    import_dir: PathBuf,
    cxx: PathBuf,
}

fn gsoap_tools() -> Result<GsoapTools, InteropError> {
    const APT: &str = "install the Debian packages gsoap and libgsoap-dev";
    let wsdl2h = find_tool("WSDL2H", &["wsdl2h"], APT)?;
    let soapcpp2 = find_tool("SOAPCPP2", &["soapcpp2"], APT)?;
    let cxx = find_tool(
        "CXX",
        &["c++", "g++", "clang++"],
        "install a C++ compiler (g++)",
    )?;
    let import_dir = match std::env::var_os("GSOAP_IMPORT") {
        Some(dir) => PathBuf::from(dir),
        None => {
            // Debian puts the import headers in <prefix>/share/gsoap/import next to <prefix>/bin.
            let prefix = soapcpp2
                .parent()
                .and_then(Path::parent)
                .unwrap_or(Path::new("/usr"));
            prefix.join("share/gsoap/import")
        }
    };
    if !import_dir.join("stlvector.h").is_file() {
        return Err(InteropError::ToolNotFound {
            tool: "the gSOAP import headers".into(),
            hint: format!(
                "looked in {}; set GSOAP_IMPORT or {APT}",
                import_dir.display()
            ),
        });
    }
    // libgsoap-dev provides stdsoap2.h; without it the compile step would fail obscurely.
    let has_header = ["/usr/include/stdsoap2.h", "/usr/local/include/stdsoap2.h"]
        .iter()
        .any(|p| Path::new(p).is_file());
    if !has_header && std::env::var_os("GSOAP_INCLUDE").is_none() {
        return Err(InteropError::ToolNotFound {
            tool: "stdsoap2.h".into(),
            hint: format!("set GSOAP_INCLUDE or {APT}"),
        });
    }
    Ok(GsoapTools {
        wsdl2h,
        soapcpp2,
        import_dir,
        cxx,
    })
}

fn read_file(path: &Path) -> Result<Vec<u8>, InteropError> {
    std::fs::read(path).map_err(io_error(format!("reading {}", path.display())))
}

/// Every input of the gSOAP build: our drivers and type map, the WSDLs and their schemas, and
/// the tools' identities.
fn gsoap_inputs(tools: &GsoapTools) -> Result<Vec<(String, Vec<u8>)>, InteropError> {
    let mut files = vec![
        interop_dir().join("gsoap-typemap.dat"),
        interop_dir().join("gsoap/chat_common.h"),
        interop_dir().join("gsoap/chat_server.cpp"),
        interop_dir().join("gsoap/chat_client.cpp"),
    ];
    files.extend(GSOAP_WSDLS.iter().map(|w| wsdl_dir().join(w)));
    let xsd_dir = wsdl_dir().join("oracle/xsd");
    let mut schemas: Vec<PathBuf> = std::fs::read_dir(&xsd_dir)
        .map_err(io_error(format!("listing {}", xsd_dir.display())))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xsd"))
        .collect();
    schemas.sort();
    files.extend(schemas);
    let mut inputs = Vec::new();
    for file in files {
        inputs.push((file.display().to_string(), read_file(&file)?));
    }
    for tool in [&tools.wsdl2h, &tools.soapcpp2, &tools.cxx] {
        inputs.push((tool.display().to_string(), Vec::new()));
    }
    Ok(inputs)
}

fn build_gsoap_peers() -> Result<GsoapPeers, InteropError> {
    let tools = gsoap_tools()?;
    let mut hasher = DefaultHasher::new();
    gsoap_inputs(&tools)?.hash(&mut hasher);
    let key = format!("{:016x}", hasher.finish());
    let root = build_root().join("gsoap");
    let dir = root.join(&key);
    let peers = |dir: PathBuf, build_time| GsoapPeers {
        server: dir.join("chat_server"),
        client: dir.join("chat_client"),
        dir,
        build_time,
    };
    if dir.join("chat_server").is_file() && dir.join("chat_client").is_file() {
        return Ok(peers(dir, None));
    }
    // Build in a private directory and rename it into place, so that concurrent test processes
    // never see a half-built directory.
    static BUILD: AtomicU64 = AtomicU64::new(0);
    let work = root.join(format!(
        "tmp-{}-{}",
        std::process::id(),
        BUILD.fetch_add(1, Ordering::Relaxed)
    ));
    if work.exists() {
        std::fs::remove_dir_all(&work).map_err(io_error(format!("removing {}", work.display())))?;
    }
    std::fs::create_dir_all(&work).map_err(io_error(format!("creating {}", work.display())))?;
    let started = Instant::now();
    compile_gsoap(&tools, &work)?;
    let build_time = started.elapsed();
    match std::fs::rename(&work, &dir) {
        Ok(()) => Ok(peers(dir, Some(build_time))),
        // Another process finished first: use its build.
        Err(_) if dir.join("chat_server").is_file() && dir.join("chat_client").is_file() => {
            let _ = std::fs::remove_dir_all(&work);
            Ok(peers(dir, Some(build_time)))
        }
        Err(e) => Err(io_error(format!(
            "moving {} to {}",
            work.display(),
            dir.display()
        ))(e)),
    }
}

const BUILD_STEP_TIMEOUT: Duration = Duration::from_secs(300);

fn compile_gsoap(tools: &GsoapTools, work: &Path) -> Result<(), InteropError> {
    let typemap = work.join("typemap.dat");
    std::fs::copy(interop_dir().join("gsoap-typemap.dat"), &typemap)
        .map_err(io_error("copying the gSOAP type map"))?;
    let mut wsdl2h = Command::new(&tools.wsdl2h);
    wsdl2h
        .current_dir(work)
        .arg("-o")
        .arg("chat.h")
        .arg("-t")
        .arg(&typemap)
        .args(GSOAP_WSDLS.iter().map(|w| wsdl_dir().join(w)));
    run_with_timeout(wsdl2h, BUILD_STEP_TIMEOUT)?.require_success()?;

    // -1: SOAP 1.1 only; -x: no sample messages; -L: no soapClientLib/soapServerLib.
    let mut soapcpp2 = Command::new(&tools.soapcpp2);
    soapcpp2
        .current_dir(work)
        .args(["-1", "-x", "-L"])
        .arg(format!("-I{}", tools.import_dir.display()))
        .arg("chat.h");
    let generated = run_with_timeout(soapcpp2, BUILD_STEP_TIMEOUT)?.require_success()?;
    // soapcpp2 reports schema problems as "syntax errors" but may still exit 0.
    if generated.stderr.contains("There were errors")
        || generated.stdout.contains("There were errors")
    {
        return Err(InteropError::CommandFailed {
            command: generated.command,
            status: generated.status.to_string(),
            stdout: generated.stdout,
            stderr: generated.stderr,
        });
    }

    let include = std::env::var_os("GSOAP_INCLUDE").map(PathBuf::from);
    let cxx = |args: &[&str], extra: &[PathBuf]| {
        let mut command = Command::new(&tools.cxx);
        command
            .current_dir(work)
            .args(["-O0", "-w", "-I."])
            .arg(format!("-I{}", interop_dir().join("gsoap").display()));
        if let Some(dir) = &include {
            command.arg(format!("-I{}", dir.display()));
        }
        command.args(extra).args(args);
        command
    };
    run_with_timeout(
        cxx(&["-c", "soapC.cpp", "-o", "soapC.o"], &[]),
        BUILD_STEP_TIMEOUT,
    )?
    .require_success()?;
    // The two links are independent: run them side by side.
    let server = cxx(
        &[
            "soapServer.cpp",
            "soapC.o",
            "-lgsoap++",
            "-o",
            "chat_server",
        ],
        &[interop_dir().join("gsoap/chat_server.cpp")],
    );
    let client = cxx(
        &[
            "soapClient.cpp",
            "soapC.o",
            "-lgsoap++",
            "-o",
            "chat_client",
        ],
        &[interop_dir().join("gsoap/chat_client.cpp")],
    );
    let server_build = std::thread::spawn(move || run_with_timeout(server, BUILD_STEP_TIMEOUT));
    let client_result = run_with_timeout(client, BUILD_STEP_TIMEOUT);
    let server_result = server_build
        .join()
        .map_err(|_| io_error("building chat_server")(std::io::Error::other("thread panicked")))?;
    server_result?.require_success()?;
    client_result?.require_success()?;
    Ok(())
}

/// Options of the gSOAP mock chat service.
#[derive(Debug, Clone)]
pub struct GsoapServerConfig {
    /// The server exits after this many requests...
    pub max_requests: u32,
    /// ...or after this long, whichever comes first.
    pub lifetime: Duration,
    /// The wsse:Security UsernameToken credentials it accepts.
    pub username: String,
    pub password: String,
    /// What GetChatUrl returns and RequestChat checks.
    pub site_name: String,
    pub chat_token: String,
}

impl Default for GsoapServerConfig {
    fn default() -> Self {
        GsoapServerConfig {
            max_requests: 100,
            lifetime: Duration::from_secs(60),
            username: "interop-user".into(),
            password: "interop-secret".into(),
            site_name: "interop_site".into(),
            chat_token: "gsoap-chat-token-0001".into(),
        }
    }
}

/// Starts the gSOAP mock chat service on 127.0.0.1 with a free port. It serves the site
/// operations (v1_2) and the chat-server operations at any path of
/// [`ServerProcess::base_url`]; its GetChatUrl answers `<base_url>/Chat/chat`.
pub fn start_gsoap_server(config: &GsoapServerConfig) -> Result<ServerProcess, InteropError> {
    let peers = gsoap_peers()?;
    let mut command = Command::new(&peers.server);
    command
        .args(["--port", "0"])
        .args(["--max-requests", &config.max_requests.to_string()])
        .args([
            "--lifetime-secs",
            &config.lifetime.as_secs().max(1).to_string(),
        ])
        .args(["--username", &config.username])
        .args(["--password", &config.password])
        .args(["--site-name", &config.site_name])
        .args(["--chat-token", &config.chat_token]);
    ServerProcess::spawn(command, "READY ", Duration::from_secs(10))
}

/// Options of the gSOAP client flow.
#[derive(Debug, Clone)]
pub struct GsoapClientConfig {
    /// The site endpoint (GetChatOperatingHours, GetChatUrl); the chat-server calls go to the
    /// ChatUrl it returns.
    pub endpoint: String,
    pub username: String,
    pub password: String,
    /// The chat line posted by the end user.
    pub message: String,
    /// How long to poll RetrieveMessages for the agent's answer.
    pub poll_timeout: Duration,
    /// The whole run is killed after this.
    pub timeout: Duration,
}

impl GsoapClientConfig {
    /// Defaults matching [`GsoapServerConfig::default`]'s credentials.
    pub fn new(endpoint: impl Into<String>) -> Self {
        GsoapClientConfig {
            endpoint: endpoint.into(),
            username: "interop-user".into(),
            password: "interop-secret".into(),
            message: "Hello from gSOAP".into(),
            poll_timeout: Duration::from_secs(20),
            timeout: Duration::from_secs(60),
        }
    }
}

/// Runs the gSOAP client's full Oracle flow. The result carries the exit status: check
/// [`ProcessOutput::success`]; the transcript is on stdout (one line per step, `DONE` last),
/// a failure is a `FAILED <operation>: ...` line on stderr.
pub fn run_gsoap_client(config: &GsoapClientConfig) -> Result<ProcessOutput, InteropError> {
    let peers = gsoap_peers()?;
    let mut command = Command::new(&peers.client);
    command
        .args(["--endpoint", &config.endpoint])
        .args(["--username", &config.username])
        .args(["--password", &config.password])
        .args(["--message", &config.message])
        .args([
            "--timeout-secs",
            &config.poll_timeout.as_secs().max(1).to_string(),
        ]);
    run_with_timeout(command, config.timeout)
}

// --------------------------------------------------------------------------------- zeep

/// The Python interpreter with zeep importable (`$PYTHON`, else `python3` on `PATH`).
pub fn zeep_python() -> Result<PathBuf, InteropError> {
    static CHECKED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    CHECKED
        .get_or_init(|| {
            let python =
                find_tool("PYTHON", &["python3"], "install Python 3").map_err(|e| e.to_string())?;
            let mut probe = Command::new(&python);
            probe.args(["-c", "import zeep, lxml; print(zeep.__version__)"]);
            match run_with_timeout(probe, Duration::from_secs(60)) {
                Ok(out) if out.success() => Ok(python),
                Ok(out) => Err(format!(
                    "zeep is not importable by {} (pip install zeep): {}",
                    python.display(),
                    out.stderr.trim()
                )),
                Err(e) => Err(e.to_string()),
            }
        })
        .clone()
        .map_err(|reason| InteropError::ToolNotFound {
            tool: "zeep".into(),
            hint: reason,
        })
}

/// `tests/interop/zeep_peer.py`.
pub fn zeep_script() -> PathBuf {
    interop_dir().join("zeep_peer.py")
}

/// Runs `zeep_peer.py <args>` with a timeout; the exit status is left to the caller.
pub fn run_zeep(
    args: &[&std::ffi::OsStr],
    timeout: Duration,
) -> Result<ProcessOutput, InteropError> {
    let mut command = Command::new(zeep_python()?);
    command.arg(zeep_script()).args(args);
    run_with_timeout(command, timeout)
}

/// One request written by `zeep_peer.py envelopes` (an entry of its `index.json`).
#[derive(Debug, Clone)]
pub struct ZeepRequest {
    pub service: String,
    pub port: String,
    pub operation: String,
    /// `soap11`, `http-get` or `http-post`.
    pub kind: String,
    /// The file, in the output directory.
    pub file: PathBuf,
    /// SOAP only: the binding's soapAction.
    pub soap_action: Option<String>,
    /// HTTP only: the path relative to the port address (`agentAvailability/1001`, `survey`).
    pub path: Option<String>,
    /// The sample values zeep was given for the body (or URL), as zeep's keyword arguments.
    pub values: serde_json::Value,
    /// SOAP only: the header values, by header part name.
    pub headers: Option<serde_json::Value>,
}

fn json_str(entry: &serde_json::Value, key: &str) -> Option<String> {
    entry.get(key).and_then(|v| v.as_str()).map(str::to_owned)
}

/// Writes zeep's request for every operation of `wsdl` into `outdir` and lists them.
pub fn zeep_envelopes(wsdl: &Path, outdir: &Path) -> Result<Vec<ZeepRequest>, InteropError> {
    let out = run_zeep(
        &["envelopes".as_ref(), wsdl.as_os_str(), outdir.as_os_str()],
        Duration::from_secs(60),
    )?
    .require_success()?;
    let index_path = outdir.join("index.json");
    let text = std::fs::read_to_string(&index_path)
        .map_err(io_error(format!("reading {}", index_path.display())))?;
    let bad = |reason: String| InteropError::BadOutput {
        command: out.command.clone(),
        reason,
    };
    let index: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| bad(format!("index.json: {e}")))?;
    let entries = index
        .as_array()
        .ok_or_else(|| bad("index.json is not a list".into()))?;
    entries
        .iter()
        .map(|entry| {
            let field = |key: &str| {
                json_str(entry, key).ok_or_else(|| bad(format!("index.json entry without {key}")))
            };
            Ok(ZeepRequest {
                service: field("service")?,
                port: field("port")?,
                operation: field("operation")?,
                kind: field("kind")?,
                file: outdir.join(field("file")?),
                soap_action: json_str(entry, "soap_action"),
                path: json_str(entry, "path"),
                values: entry.get("values").cloned().unwrap_or_default(),
                headers: entry.get("headers").cloned(),
            })
        })
        .collect()
}

/// zeep's reading of a response: `{"result": ...}` or `{"fault": {"code", "message",
/// "detail": [{"element", "value"}]}}`, as JSON (dateTimes as ISO strings).
pub fn zeep_parse(
    wsdl: &Path,
    operation: &str,
    response_file: &Path,
) -> Result<serde_json::Value, InteropError> {
    let out = run_zeep(
        &[
            "parse".as_ref(),
            wsdl.as_os_str(),
            operation.as_ref(),
            response_file.as_os_str(),
        ],
        Duration::from_secs(60),
    )?
    .require_success()?;
    serde_json::from_str(out.stdout.trim()).map_err(|e| InteropError::BadOutput {
        command: out.command,
        reason: format!("{e}: {}", out.stdout),
    })
}

/// The outcome of `zeep_peer.py call`.
#[derive(Debug, Clone)]
pub struct ZeepCall {
    /// Every completed call in order: operation name and zeep's result as JSON.
    pub calls: Vec<(String, serde_json::Value)>,
    /// The process output (status, stderr with the `FAILED ...` line on failure).
    pub output: ProcessOutput,
}

impl ZeepCall {
    /// The distinct operation names called, in first-call order.
    pub fn operations(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for (name, _) in &self.calls {
            if !seen.contains(&name.as_str()) {
                seen.push(name);
            }
        }
        seen
    }

    /// The results of every call of `operation`.
    pub fn results(&self, operation: &str) -> Vec<&serde_json::Value> {
        self.calls
            .iter()
            .filter(|(name, _)| name == operation)
            .map(|(_, value)| value)
            .collect()
    }
}

/// Runs `zeep_peer.py call <wsdl> <endpoint> <extra...>` (see the script for the options, e.g.
/// `--server-wsdl`, `--username`, `--password`, `--entry-point`). A failed run is not an
/// error here: check `output.success()`.
pub fn zeep_call(
    wsdl: &Path,
    endpoint: &str,
    extra: &[&str],
    timeout: Duration,
) -> Result<ZeepCall, InteropError> {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["call".as_ref(), wsdl.as_os_str(), endpoint.as_ref()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    let output = run_zeep(&args, timeout)?;
    let mut calls = Vec::new();
    for line in output.stdout.lines().filter(|l| !l.trim().is_empty()) {
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| InteropError::BadOutput {
                command: output.command.clone(),
                reason: format!("{e}: {line}"),
            })?;
        if let Some(name) = value.get("operation").and_then(|v| v.as_str()) {
            calls.push((
                name.to_owned(),
                value.get("result").cloned().unwrap_or_default(),
            ));
        }
    }
    Ok(ZeepCall { calls, output })
}

/// [`zeep_parse`] of an in-memory response (written to a temporary file first).
pub fn zeep_parse_str(
    wsdl: &Path,
    operation: &str,
    response: &str,
) -> Result<serde_json::Value, InteropError> {
    let mut file = tempfile::Builder::new()
        .prefix("zeep-parse-")
        .suffix(".xml")
        .tempfile()
        .map_err(io_error("creating a temporary response file"))?;
    file.write_all(response.as_bytes())
        .and_then(|()| file.flush())
        .map_err(io_error("writing a temporary response file"))?;
    zeep_parse(wsdl, operation, file.path())
}

/// Which message of an operation a [`ZeepParseJob`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The operation's input (a request envelope, or an HTTP POST body).
    Request,
    /// The operation's output or a fault.
    Response,
}

/// One message for [`zeep_parse_batch`].
#[derive(Debug, Clone)]
pub struct ZeepParseJob {
    pub wsdl: PathBuf,
    pub operation: String,
    pub direction: Direction,
    /// The message as sent on the wire.
    pub xml: String,
}

/// zeep's reading of many messages in one run of `zeep_peer.py parse-batch` (each WSDL is
/// loaded once, which is most of zeep's time): per job, in order, `{"result": ...}` or
/// `{"fault": ...}` for a response (as [`zeep_parse`]) and `{"request": {"header", "body"}}`
/// for a SOAP request (`{"request": <element>}` for an HTTP POST body).
pub fn zeep_parse_batch(jobs: &[ZeepParseJob]) -> Result<Vec<serde_json::Value>, InteropError> {
    let dir = tempfile::Builder::new()
        .prefix("zeep-batch-")
        .tempdir()
        .map_err(io_error("creating a temporary directory for zeep"))?;
    let mut list = Vec::new();
    for (number, job) in jobs.iter().enumerate() {
        let file = dir.path().join(format!("{number}.xml"));
        std::fs::write(&file, job.xml.as_bytes())
            .map_err(io_error(format!("writing {}", file.display())))?;
        list.push(serde_json::json!({
            "wsdl": job.wsdl.to_string_lossy(),
            "operation": job.operation,
            "direction": match job.direction {
                Direction::Request => "request",
                Direction::Response => "response",
            },
            "file": file.to_string_lossy(),
        }));
    }
    let jobs_file = dir.path().join("jobs.json");
    std::fs::write(&jobs_file, serde_json::Value::Array(list).to_string())
        .map_err(io_error(format!("writing {}", jobs_file.display())))?;
    let out = run_zeep(
        &["parse-batch".as_ref(), jobs_file.as_os_str()],
        Duration::from_secs(120),
    )?
    .require_success()?;
    let bad = |reason: String| InteropError::BadOutput {
        command: out.command.clone(),
        reason,
    };
    let value: serde_json::Value =
        serde_json::from_str(out.stdout.trim()).map_err(|e| bad(format!("{e}: {}", out.stdout)))?;
    match value {
        serde_json::Value::Array(results) if results.len() == jobs.len() => Ok(results),
        other => Err(bad(format!(
            "expected a list of {} results, got {other}",
            jobs.len()
        ))),
    }
}

// --------------------------------------------------------------------- envelope validation

/// Removes the SOAP 1.1 `mustUnderstand` and `actor` attributes from the root start tag of a
/// stand-alone header block. SOAP 1.1 (section 4.2) allows them on every header entry whatever
/// the block's own schema says, and some stacks (gSOAP) put `mustUnderstand` on every block.
pub fn without_soap_header_attributes(xml: &str) -> Result<String, InteropError> {
    let doc = roxmltree::Document::parse(xml).map_err(SoapError::Xml)?;
    let mut ranges: Vec<std::ops::Range<usize>> = doc
        .root_element()
        .attributes()
        .filter(|a| {
            a.namespace() == Some(SOAP11_ENV_NS) && matches!(a.name(), "mustUnderstand" | "actor")
        })
        .map(|a| a.range())
        .collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut out = xml.to_owned();
    for range in ranges {
        // Take the whitespace before the attribute too.
        let start = out[..range.start].trim_end().len();
        out.replace_range(start..range.end, "");
    }
    Ok(out)
}

/// Validates a SOAP 1.1 envelope against `wsdl/` with xmllint: every header block (without its
/// SOAP `mustUnderstand`/`actor` attributes, see [`without_soap_header_attributes`]), and the
/// body payload, or for a fault every detail entry, each against the schema of its namespace.
pub fn validate_envelope(xml: &str) -> Result<SoapParts, InteropError> {
    let parts = soap_parts(xml)?;
    let mut checks: Vec<(String, String, String)> = Vec::new();
    for header in &parts.headers {
        checks.push((
            header.local_name.clone(),
            header.namespace.clone(),
            without_soap_header_attributes(&header.xml)?,
        ));
    }
    match (&parts.fault, &parts.body) {
        (Some(fault), _) => checks.extend(
            fault
                .details
                .iter()
                .map(|d| (d.local_name.clone(), d.namespace.clone(), d.xml.clone())),
        ),
        (None, Some(body)) => checks.push((
            body.local_name.clone(),
            body.namespace.clone(),
            body.xml.clone(),
        )),
        (None, None) => {}
    }
    for (element, namespace, part) in checks {
        let schema = schema_for_namespace(&namespace).ok_or_else(|| InteropError::NoSchema {
            element: element.clone(),
            namespace: namespace.clone(),
        })?;
        match xmllint_validate(&schema, &part) {
            Ok(()) => {}
            Err(SupportError::Rejected { output, .. }) => {
                return Err(InteropError::Invalid {
                    element,
                    schema,
                    output,
                    xml: part,
                });
            }
            Err(other) => return Err(other.into()),
        }
    }
    Ok(parts)
}

// ------------------------------------------------------------------------ recording proxy

/// One request/response pair seen by a [`RecordingProxy`].
#[derive(Debug, Clone)]
pub struct Exchange {
    pub method: String,
    /// The request target as sent (`/site`, `/Chat/chat`, ...).
    pub path: String,
    /// Request headers in order, names as sent.
    pub headers: Vec<(String, String)>,
    pub request_body: String,
    pub status: u16,
    /// The response body as the upstream sent it (before any URL rewriting).
    pub response_body: String,
}

impl Exchange {
    /// The first request header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An HTTP/1.1 proxy on 127.0.0.1 in front of a server, recording every exchange: put it
/// between a client and a peer to see (and validate) exactly what the client sent. It
/// forwards each request on a fresh upstream connection (`Connection: close`), and rewrites the
/// upstream's base URL to its own in response bodies, so that links such as GetChatUrl's
/// ChatUrl keep going through it. It serves at most `max_requests` connections and stops at
/// its lifetime or when dropped.
#[derive(Debug)]
pub struct RecordingProxy {
    pub addr: SocketAddr,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
    errors: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl RecordingProxy {
    pub fn start(
        upstream: SocketAddr,
        max_requests: usize,
        lifetime: Duration,
    ) -> Result<Self, InteropError> {
        let listener =
            TcpListener::bind("127.0.0.1:0").map_err(io_error("binding the recording proxy"))?;
        listener
            .set_nonblocking(true)
            .map_err(io_error("configuring the recording proxy"))?;
        let addr = listener
            .local_addr()
            .map_err(io_error("the recording proxy's address"))?;
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let errors = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (log, error_log, stopping) = (
            Arc::clone(&exchanges),
            Arc::clone(&errors),
            Arc::clone(&stop),
        );
        let rewrite = (format!("http://{upstream}"), format!("http://{addr}"));
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + lifetime;
            let mut served = 0;
            while served < max_requests
                && Instant::now() < deadline
                && !stopping.load(Ordering::Relaxed)
            {
                match listener.accept() {
                    Ok((client, _)) => {
                        served += 1;
                        match proxy_one(client, upstream, &rewrite) {
                            Ok(exchange) => {
                                if let Ok(mut log) = log.lock() {
                                    log.push(exchange);
                                }
                            }
                            Err(e) => {
                                if let Ok(mut errors) = error_log.lock() {
                                    errors.push(e.to_string());
                                }
                            }
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(e) => {
                        if let Ok(mut errors) = error_log.lock() {
                            errors.push(format!("accept: {e}"));
                        }
                        break;
                    }
                }
            }
        });
        Ok(RecordingProxy {
            addr,
            exchanges,
            errors,
            stop,
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:<port>` (no trailing slash).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every exchange so far, in order.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// The exchanges once at least `count` are recorded, waiting up to `timeout`: a client
    /// has its response a moment before the proxy has logged the exchange. Returns what is
    /// there at the deadline (the caller's count check then fails with the list).
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Exchange> {
        let deadline = Instant::now() + timeout;
        loop {
            let exchanges = self.exchanges();
            if exchanges.len() >= count || Instant::now() >= deadline {
                return exchanges;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Connections that could not be proxied (malformed request, upstream unreachable, ...).
    pub fn errors(&self) -> Vec<String> {
        self.errors.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Drop for RecordingProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// An HTTP/1.1 message head and body.
struct HttpMessage {
    start_line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn read_http_message<R: BufRead>(reader: &mut R, until_eof: bool) -> std::io::Result<HttpMessage> {
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let mut start_line = String::new();
    reader.read_line(&mut start_line)?;
    let start_line = start_line.trim_end().to_owned();
    if start_line.is_empty() {
        return Err(invalid("empty HTTP message"));
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(invalid("connection closed inside the HTTP head"));
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| invalid("bad header line"))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _): &&(String, String)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut body = Vec::new();
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| invalid("bad chunk size"))?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = header("content-length") {
        let length: usize = length.parse().map_err(|_| invalid("bad Content-Length"))?;
        body.resize(length, 0);
        reader.read_exact(&mut body)?;
    } else if until_eof {
        reader.read_to_end(&mut body)?;
    }
    Ok(HttpMessage {
        start_line,
        headers,
        body,
    })
}

fn write_http_message(out: &mut impl Write, message: &HttpMessage) -> std::io::Result<()> {
    let mut head = format!("{}\r\n", message.start_line);
    for (name, value) in &message.headers {
        let hop = [
            "connection",
            "keep-alive",
            "transfer-encoding",
            "content-length",
        ];
        if !hop.iter().any(|h| name.eq_ignore_ascii_case(h)) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        message.body.len()
    ));
    out.write_all(head.as_bytes())?;
    out.write_all(&message.body)?;
    out.flush()
}

fn proxy_one(
    client: TcpStream,
    upstream: SocketAddr,
    (from, to): &(String, String),
) -> std::io::Result<Exchange> {
    client.set_nonblocking(false)?;
    client.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(client.try_clone()?);
    let request = read_http_message(&mut reader, false)?;
    let mut server = TcpStream::connect_timeout(&upstream, Duration::from_secs(5))?;
    server.set_read_timeout(Some(Duration::from_secs(60)))?;
    write_http_message(&mut server, &request)?;
    let mut response = read_http_message(&mut BufReader::new(server), true)?;
    let original = String::from_utf8_lossy(&response.body).into_owned();
    if original.contains(from.as_str()) {
        response.body = original.replace(from.as_str(), to).into_bytes();
    }
    let mut client = client;
    write_http_message(&mut client, &response)?;
    let mut words = request.start_line.split(' ');
    let method = words.next().unwrap_or_default().to_owned();
    let path = words.next().unwrap_or_default().to_owned();
    let status = response
        .start_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok(Exchange {
        method,
        path,
        headers: request.headers,
        request_body: String::from_utf8_lossy(&request.body).into_owned(),
        status,
        response_body: original,
    })
}
