//! The command line of `cargo run --example chat_session`: with no arguments it starts the
//! embedded mock and runs both sessions against it; `--oracle-site-url` / `--ece-url` (or
//! their environment variables) point a session at a real server instead.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};

use crate::mock::{DEFAULT_ENTRY_POINT, MockConfig, MockServer};
use crate::session::{
    EceSummary, EceTarget, OracleSummary, OracleTarget, SessionError, run_ece_session,
    run_oracle_session,
};

/// Which half of the session to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    /// Only the Oracle B2C chat.
    Oracle,
    /// Only the Cisco ECE entry-point calls and survey.
    Ece,
}

/// A chat session with the Oracle B2C Chat SOAP API and the Cisco ECE chat API through the
/// soapstone-generated clients. Without a server URL it starts an embedded mock of both
/// vendors on 127.0.0.1 and talks to that.
#[derive(Debug, Clone, Parser)]
#[command(name = "chat_session", version)]
pub struct Args {
    /// Oracle chat site v1_2 endpoint of a real site (default: the embedded mock).
    #[arg(long, env = "SOAPSTONE_ORACLE_SITE_URL")]
    pub oracle_site_url: Option<String>,
    /// WS-Security username (required with --oracle-site-url).
    #[arg(long, env = "SOAPSTONE_USERNAME")]
    pub username: Option<String>,
    /// WS-Security password (required with --oracle-site-url).
    #[arg(long, env = "SOAPSTONE_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// SiteName for TransactionRequestData (default: the one GetChatUrl returns).
    #[arg(long, env = "SOAPSTONE_SITE_NAME")]
    pub site_name: Option<String>,
    /// AppID of the ClientRequestHeader / ChatClientInfoHeader.
    #[arg(
        long,
        env = "SOAPSTONE_APP_ID",
        default_value = "soapstone chat_session"
    )]
    pub app_id: String,
    /// Send the password as PasswordDigest instead of PasswordText.
    #[arg(long, env = "SOAPSTONE_DIGEST")]
    pub digest: bool,
    /// A line to post in the Oracle chat (repeat for several; each waits for a reply).
    #[arg(long = "message", value_name = "TEXT")]
    pub messages: Vec<String>,
    /// Seconds to wait for the agent's reply to each line.
    #[arg(long, env = "SOAPSTONE_REPLY_TIMEOUT", default_value_t = 30)]
    pub reply_timeout: u64,
    /// ECE entry-point API address of a real server, e.g.
    /// `https://ece.example.com/system/egain/chat/entrypoint/` (default: the embedded mock).
    #[arg(long, env = "SOAPSTONE_ECE_URL")]
    pub ece_url: Option<String>,
    /// ECE entry point id.
    #[arg(long, env = "SOAPSTONE_ENTRY_POINT", default_value_t = DEFAULT_ENTRY_POINT)]
    pub entry_point: i64,
    /// Run only one of the two sessions.
    #[arg(long, value_enum)]
    pub only: Option<Only>,
    /// Seconds the whole run may take before it is abandoned.
    #[arg(long, env = "SOAPSTONE_TIMEOUT", default_value_t = 120)]
    pub timeout: u64,
}

/// What a run saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSummary {
    /// The Oracle session, unless `--only ece`.
    pub oracle: Option<OracleSummary>,
    /// The ECE session, unless `--only oracle`.
    pub ece: Option<EceSummary>,
    /// Requests the embedded mock answered (`None` when no mock ran).
    pub mock_requests: Option<usize>,
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A real Oracle site needs credentials.
    #[error("--{0} (or its environment variable) is required with --oracle-site-url")]
    MissingCredential(&'static str),
    /// The embedded mock could not start.
    #[error("cannot start the embedded mock on 127.0.0.1: {0}")]
    Mock(#[source] std::io::Error),
    /// A session failed.
    #[error(transparent)]
    Session(#[from] SessionError),
    /// The whole run took longer than `--timeout`.
    #[error("the run did not finish within {0:?} (--timeout)")]
    TimedOut(Duration),
    /// The async runtime could not start.
    #[error("cannot start the async runtime: {0}")]
    Runtime(#[source] std::io::Error),
    /// The transcript could not be written.
    #[error("cannot write the transcript: {0}")]
    Output(#[from] std::io::Error),
}

/// Runs the sessions `args` ask for, writing the transcript to `out`; bounded by
/// `args.timeout`.
pub async fn run(args: &Args, out: &mut impl Write) -> Result<RunSummary, CliError> {
    let limit = Duration::from_secs(args.timeout);
    match tokio::time::timeout(limit, run_unbounded(args, out)).await {
        Ok(result) => result,
        Err(_) => Err(CliError::TimedOut(limit)),
    }
}

async fn run_unbounded(args: &Args, out: &mut impl Write) -> Result<RunSummary, CliError> {
    let want_oracle = args.only != Some(Only::Ece);
    let want_ece = args.only != Some(Only::Oracle);
    let oracle_mocked = want_oracle && args.oracle_site_url.is_none();
    let ece_mocked = want_ece && args.ece_url.is_none();
    if want_oracle && args.oracle_site_url.is_some() {
        if args.username.is_none() {
            return Err(CliError::MissingCredential("username"));
        }
        if args.password.is_none() {
            return Err(CliError::MissingCredential("password"));
        }
    }

    let defaults = MockConfig::default();
    let mock = if oracle_mocked || ece_mocked {
        let config = MockConfig {
            site_name: args.site_name.clone().unwrap_or(defaults.site_name.clone()),
            // The mock lives a little longer than the run may, and never serves more than a
            // session could need.
            lifetime: Some(Duration::from_secs(args.timeout.saturating_add(10))),
            max_requests: Some(10_000),
            ..defaults.clone()
        };
        let server = MockServer::start(config).await.map_err(CliError::Mock)?;
        writeln!(
            out,
            "soapstone chat session: embedded mock of both vendors on {} (pass --oracle-site-url / --ece-url to use real servers)",
            server.base_url()
        )?;
        writeln!(out)?;
        Some(server)
    } else {
        None
    };

    let result = sessions(args, mock.as_ref(), &defaults, out).await;
    let mock_requests = mock.as_ref().map(MockServer::requests_served);
    if let Some(server) = mock {
        server.shutdown().await;
    }
    let (oracle, ece) = result?;
    writeln!(out)?;
    let mut done = Vec::new();
    if let Some(o) = &oracle {
        done.push(format!(
            "Oracle chat {} with {} agent repl{} in {} SOAP calls",
            o.session_id,
            o.replies().len(),
            if o.replies().len() == 1 { "y" } else { "ies" },
            o.calls
        ));
    }
    if let Some(e) = &ece {
        done.push(format!(
            "ECE entry point {}: survey answered HTTP {}",
            e.entry_point, e.survey_status
        ));
    }
    writeln!(out, "done: {}", done.join("; "))?;
    Ok(RunSummary {
        oracle,
        ece,
        mock_requests,
    })
}

type Sessions = (Option<OracleSummary>, Option<EceSummary>);

async fn sessions(
    args: &Args,
    mock: Option<&MockServer>,
    defaults: &MockConfig,
    out: &mut impl Write,
) -> Result<Sessions, CliError> {
    let mut oracle = None;
    if args.only != Some(Only::Ece) {
        let site_url = match (&args.oracle_site_url, mock) {
            (Some(url), _) => url.clone(),
            (None, Some(server)) => server.oracle_site_url(),
            (None, None) => unreachable_mock()?,
        };
        let mut target = OracleTarget::new(
            site_url,
            args.username.clone().unwrap_or(defaults.username.clone()),
            args.password.clone().unwrap_or(defaults.password.clone()),
        );
        target.digest = args.digest;
        target.site_name = args.site_name.clone();
        target.app_id = args.app_id.clone();
        target.reply_timeout = Duration::from_secs(args.reply_timeout);
        if !args.messages.is_empty() {
            target.messages = args.messages.clone();
        }
        if args.oracle_site_url.is_none() {
            // The mock answers at once: poll it briskly.
            target.poll_interval = Duration::from_millis(20);
        }
        oracle = Some(run_oracle_session(&target, out).await?);
        writeln!(out)?;
    }
    let mut ece = None;
    if args.only != Some(Only::Oracle) {
        let base_url = match (&args.ece_url, mock) {
            (Some(url), _) => url.clone(),
            (None, Some(server)) => server.ece_base_url(),
            (None, None) => unreachable_mock()?,
        };
        ece = Some(run_ece_session(&EceTarget::new(base_url, args.entry_point), out).await?);
    }
    Ok((oracle, ece))
}

/// The mock runs whenever a session has no URL; reaching here means that rule was broken.
fn unreachable_mock<T>() -> Result<T, CliError> {
    Err(CliError::Mock(std::io::Error::other(
        "no server URL was given and the embedded mock is not running",
    )))
}

/// The example's `main`: parses `args` (the first is the program name), runs, writes the
/// transcript to `out` and errors to `err`. Exit code 0 on success, 1 when a session fails,
/// 2 for a usage error.
pub fn main_with<I, S>(args: I, out: &mut impl Write, err: &mut impl Write) -> ExitCode
where
    I: IntoIterator<Item = S>,
    S: Into<OsString> + Clone,
{
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                // Nothing useful is left to do if even stderr cannot be written.
                let _ = write!(err, "{text}");
                ExitCode::from(2)
            } else {
                let _ = write!(out, "{text}");
                ExitCode::SUCCESS
            };
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let _ = writeln!(err, "error: {}", CliError::Runtime(e));
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&args, out)) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            // Every error's message already includes its cause.
            let _ = writeln!(err, "error: {e}");
            ExitCode::FAILURE
        }
    }
}
