//! `mentor-server`: reads its configuration, checks the data directory, opens and migrates the
//! database, binds and serves. Any start-up failure is one line on stderr and exit status 1.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use mentor_core::EntityId;
use mentor_server::auth::Passwords;
use mentor_server::server_writes::random_bytes;
use mentor_server::store::{NewStaff, Role, Store};
use mentor_server::{AppState, ServerOptions, Site, SqliteStore, api, data_dir, demo, store};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "mentor-server",
    version,
    about = "Progress Mentor server: the app, the sync API and the school's database"
)]
struct Cli {
    /// Directory holding the database (created and migrated on first start).
    #[arg(long, env = "MENTOR_DATA_DIR", default_value = "data", global = true)]
    data_dir: PathBuf,

    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address and port to listen on. Port 0 picks a free port (the URL printed says which).
    #[arg(long, env = "MENTOR_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,

    /// The built app (Trunk's output directory).
    #[arg(long, env = "MENTOR_DIST", default_value = "dist")]
    dist: PathBuf,

    /// A reverse proxy in front of the server (its address as the server sees it; several
    /// separated by commas). Only requests from it have their client's address read from
    /// `Forwarded` or `X-Forwarded-For`; without this, forwarded headers are ignored.
    #[arg(
        long = "trusted-proxy",
        env = "MENTOR_TRUSTED_PROXY",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<IpAddr>,

    /// The app is reached over https (a reverse proxy terminates TLS): every response tells
    /// browsers to use https only (`Strict-Transport-Security`).
    #[arg(long, env = "MENTOR_HTTPS", action = clap::ArgAction::SetTrue, value_parser = clap::builder::BoolishValueParser::new())]
    https: bool,

    /// Seed the invented demo school (Northfield Academy) if the database has no staff yet.
    #[arg(long, env = "MENTOR_DEMO", action = clap::ArgAction::SetTrue, value_parser = clap::builder::BoolishValueParser::new())]
    demo: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app and the API (the default).
    Serve,
    /// Copy the database to FILE; safe while the server is running.
    Backup {
        /// Where to write the copy (an existing file is replaced).
        file: PathBuf,
    },
    /// Add a staff member who can sign in (for first set-up and tests).
    #[command(hide = true)]
    AddStaff {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// mentor, teacher, senco, dsl or admin.
        #[arg(long)]
        role: String,
        /// The password (prefer the environment variable: arguments show in `ps`).
        #[arg(long, env = "MENTOR_STAFF_PASSWORD")]
        password: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("MENTOR_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=warn")),
        )
        .with_writer(std::io::stderr)
        .init();

    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&cli.data_dir, &cli.serve),
        Command::Backup { file } => backup(&cli.data_dir, &file),
        Command::AddStaff {
            email,
            name,
            role,
            password,
        } => add_staff(&cli.data_dir, &email, &name, &role, &password),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line, what is wrong and what to do; the chain joined, never a backtrace.
            eprintln!("mentor-server: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn serve(data_dir: &Path, args: &ServeArgs) -> anyhow::Result<()> {
    data_dir::check(data_dir)?;
    let store = SqliteStore::open_in(data_dir)?;
    let site = Site::load(&args.dist)
        .with_context(|| format!("cannot read the built app in {}", args.dist.display()))?;
    let passwords = Passwords::standard().context("cannot set up password hashing")?;
    let demo_sign_ins = if args.demo {
        demo::seed_if_empty(&store, &passwords, api::extract::now_ms())
            .context("cannot seed the demo school")?
    } else {
        None
    };

    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|err| bind_error(args.addr, &err))?;
        let bound = listener
            .local_addr()
            .context("cannot read the bound address")?;

        if !site.is_built() {
            tracing::warn!(
                dist = %args.dist.display(),
                "no built app found: the API is served, the app is not. Run `cargo xtask run`."
            );
        }
        tracing::info!(database = %store.path().display(), "database ready");
        // The first line is the URL (tests and scripts read it); demo sign-ins follow.
        println!("Progress Mentor is running at {}", url_for(bound));
        if let Some(sign_ins) = demo_sign_ins {
            print_demo_sign_ins(&sign_ins);
        }

        let options = ServerOptions {
            trusted_proxies: args.trusted_proxies.clone(),
            https: args.https,
            ..ServerOptions::default()
        };
        let store = Arc::new(store);
        tokio::spawn(purge_daily(store.clone()));
        let state = AppState::new(store, site, passwords).with_options(options);
        mentor_server::serve::serve(listener, state, shutdown_signal()).await;
        Ok(())
    })
}

/// Purges, once a day, the history of deleted records whose retention has ended (opening the
/// store did it at start-up): a server that runs for months keeps nothing longer than it
/// should.
async fn purge_daily(store: Arc<SqliteStore>) {
    let mut every_day = tokio::time::interval(std::time::Duration::from_secs(24 * 60 * 60));
    // The first tick is at once; start-up has just purged.
    every_day.tick().await;
    loop {
        every_day.tick().await;
        let store = store.clone();
        let purged =
            tokio::task::spawn_blocking(move || store.purge_expired(api::extract::now_ms())).await;
        match purged {
            Ok(Ok(purged)) => tracing::info!(
                history_rows = purged.history_rows,
                erased_records = purged.erased_records,
                "purged the history of deleted records past their retention"
            ),
            Ok(Err(err)) => tracing::error!(%err, "could not purge expired history"),
            Err(err) => tracing::error!(%err, "the purge task failed"),
        }
    }
}

fn backup(data_dir: &Path, file: &Path) -> anyhow::Result<()> {
    data_dir::check(data_dir)?;
    store::backup(data_dir, file)?;
    println!("Backed up the database to {}", file.display());
    Ok(())
}

fn print_demo_sign_ins(sign_ins: &[demo::DemoSignIn]) {
    println!("Seeded the demo school, Northfield Academy. Demo sign-ins:");
    for sign_in in sign_ins {
        println!(
            "  {} / {} ({})",
            sign_in.email,
            sign_in.password,
            sign_in.role.label()
        );
    }
}

fn add_staff(
    data_dir: &Path,
    email: &str,
    name: &str,
    role: &str,
    password: &str,
) -> anyhow::Result<()> {
    data_dir::check(data_dir)?;
    let role: Role = role
        .parse()
        .map_err(|err: mentor_core::role::UnknownRole| {
            anyhow::anyhow!("{err}: use mentor, teacher, senco, dsl or admin")
        })?;
    let store = SqliteStore::open_in(data_dir)?;
    let passwords = Passwords::standard().context("cannot set up password hashing")?;
    let now = api::extract::now_ms();
    let id = EntityId::from_time_and_random(now, random_bytes()?)?;
    let staff = NewStaff {
        id,
        display_name: name.trim().to_owned(),
        email: email.trim().to_owned(),
        role,
        password_hash: passwords.hash(password)?,
    };
    store.add_staff(&staff, now)?;
    println!(
        "Added {} ({}) as {}",
        staff.display_name,
        staff.email,
        role.label()
    );
    Ok(())
}

fn bind_error(addr: SocketAddr, err: &std::io::Error) -> anyhow::Error {
    let advice = match err.kind() {
        std::io::ErrorKind::AddrInUse => {
            "the address is already in use. Stop the program using it, or choose another with --addr"
        }
        std::io::ErrorKind::PermissionDenied => {
            "permission denied. Ports below 1024 need privileges: choose a port such as 8080 with --addr"
        }
        std::io::ErrorKind::AddrNotAvailable => {
            "this machine has no such address. Use 127.0.0.1 or 0.0.0.0 with --addr"
        }
        _ => "choose another address with --addr",
    };
    anyhow::anyhow!("cannot listen on {addr}: {advice} ({err}).")
}

fn url_for(bound: SocketAddr) -> String {
    if bound.ip().is_unspecified() {
        format!(
            "http://127.0.0.1:{}/ (and on this machine's network addresses)",
            bound.port()
        )
    } else {
        format!("http://{bound}/")
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
