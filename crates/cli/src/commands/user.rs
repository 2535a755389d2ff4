//! `mumstrong user add` and `user reset-password`.

use std::io::Read;
use std::process::ExitCode;

use mumstrong_app::auth;
use mumstrong_store::{NewUser, Role};

use super::service::*;

/// A password from standard input (up to its final line break), checked like sign-up's.
pub(crate) fn password_from_stdin() -> Result<String, Failure> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| bad(format!("--password-stdin: {e}")))?;
    let password = text.trim_end_matches(['\n', '\r']).to_owned();
    mumstrong_app::accounts::check_password(&password)
        .map_err(|e| bad(format!("--password-stdin: {}", e.message)))?;
    Ok(password)
}

/// A generated password: 20 random base64url characters (120 bits).
pub(crate) fn generated_password() -> Result<String, Failure> {
    Ok(auth::new_secret().map_err(|e| internal(e.message))?[..20].to_owned())
}

/// `mumstrong user add …` or `mumstrong user reset-password EMAIL`.
pub fn user(command: &UserCommand) -> Result<ExitCode, Failure> {
    match command {
        UserCommand::Add { .. } => user_add(command),
        UserCommand::ResetPassword {
            email,
            password_stdin,
            db,
        } => reset_password(email, *password_stdin, db),
    }
}

/// `mumstrong user reset-password EMAIL [--password-stdin]`.
pub(crate) fn reset_password(
    given_email: &str,
    password_stdin: bool,
    db: &DbArgs,
) -> Result<ExitCode, Failure> {
    let email = mumstrong_app::accounts::normalise_email(given_email)
        .map_err(|e| bad(format!("EMAIL: {}", e.message)))?;
    let password = if password_stdin {
        password_from_stdin()?
    } else {
        generated_password()?
    };
    runtime()?.block_on(async move {
        let store = open(db).await?;
        let Some((user, _)) = store.user_by_email(&email).await.map_err(internal)? else {
            store.close().await;
            return Err(bad(format!("EMAIL: no account for {email}")));
        };
        let hash = auth::hash_password(password.clone())
            .await
            .map_err(|e| internal(e.message))?;
        let ended = store
            .set_password(user.id, &hash, None)
            .await
            .map_err(internal)?;
        store.close().await;
        let (sessions, tokens) = ended.unwrap_or((0, 0));
        println!(
            "password reset for {email}; {sessions} session{} ended and {tokens} API token{} deleted",
            if sessions == 1 { "" } else { "s" },
            if tokens == 1 { "" } else { "s" },
        );
        if !password_stdin {
            println!("new password (shown once; give it to her safely): {password}");
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// `mumstrong user add --coach EMAIL` or `--member EMAIL`.
pub(crate) fn user_add(command: &UserCommand) -> Result<ExitCode, Failure> {
    let UserCommand::Add {
        coach,
        member,
        name,
        password_stdin,
        db,
    } = command
    else {
        return Err(internal("user_add called for another command"));
    };
    let (flag, given_email, role) = match (coach, member) {
        (Some(c), _) => ("--coach", c, Role::Coach),
        (None, Some(m)) => ("--member", m, Role::Member),
        (None, None) => return Err(bad("give --coach EMAIL or --member EMAIL")),
    };
    let word = if role == Role::Coach {
        "coach"
    } else {
        "member"
    };
    let email = mumstrong_app::accounts::normalise_email(given_email)
        .map_err(|e| bad(format!("{flag}: {}", e.message)))?;
    if let Some(name) = name {
        mumstrong_app::text::check("--name", name)
            .map_err(|e| bad(format!("--name: {}", e.message)))?;
    }
    let given = if *password_stdin {
        Some(password_from_stdin()?)
    } else {
        None
    };
    runtime()?.block_on(async move {
        let store = open(db).await?;
        if let Some((user, _)) = store.user_by_email(&email).await.map_err(internal)? {
            if role == Role::Member {
                store.close().await;
                return Err(bad(format!(
                    "--member: {email} already has an account ({})",
                    if user.role == Role::Coach {
                        "a coach"
                    } else {
                        "a member"
                    }
                )));
            }
            store
                .set_role(user.id, Role::Coach)
                .await
                .map_err(internal)?;
            println!(
                "{email} already had an account; it is now a coach account (password unchanged)"
            );
            store.close().await;
            return Ok(ExitCode::SUCCESS);
        }
        let password = match given {
            Some(p) => p,
            None => generated_password()?,
        };
        let hash = auth::hash_password(password.clone())
            .await
            .map_err(|e| internal(e.message))?;
        let display = name
            .clone()
            .unwrap_or_else(|| email.split('@').next().unwrap_or(word).to_owned());
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        store
            .create_user(
                &NewUser {
                    email: &email,
                    password_hash: &hash,
                    role,
                    display_name: &display,
                },
                now,
            )
            .await
            .map_err(internal)?;
        store.close().await;
        println!("{word} account made for {email}");
        if !*password_stdin {
            println!("password (shown once; ask them to keep it safe): {password}");
        }
        Ok(ExitCode::SUCCESS)
    })
}
