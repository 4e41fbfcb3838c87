import { useMemo, useState, type FormEvent } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { ApiError } from "@web/api/client";
import { ErrorAlert } from "@web/components/Alerts";
import { AuthFrame } from "@web/components/AuthFrame";
import { TextField } from "@web/components/Field";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { useSession } from "@web/session/SessionProvider";

export function LoginPage() {
  const { t, intlLocale } = useI18n();
  const { session, logIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const login = useAction(logIn);
  // The server's message says how long to wait; the clock time stays right while the page is left open.
  const retryAt = useMemo(() => {
    const seconds =
      login.error instanceof ApiError
        ? (login.error.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds
        : undefined;
    if (typeof seconds !== "number") return null;
    return new Intl.DateTimeFormat(intlLocale, { hour: "2-digit", minute: "2-digit" }).format(
      new Date(Date.now() + seconds * 1000),
    );
  }, [login.error, intlLocale]);

  if (session) return <Navigate to="/" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const signedIn = await login.run(email, password);
    if (!signedIn) return;
    const from = (location.state as { from?: string } | null)?.from;
    navigate(signedIn.user.mustChangePassword ? "/change-password" : (from ?? "/"), { replace: true });
  };

  return (
    <AuthFrame>
      <Page title={t("login.title")}>
        <p>{t("login.intro")}</p>
        <form onSubmit={submit} className="form">
          <TextField
            label={t("field.email")}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <TextField
            label={t("field.password")}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <ErrorAlert error={login.error} />
          {retryAt && (
            <p className="field__hint" role="status">
              {t("login.retryAt", { time: retryAt })}
            </p>
          )}
          <button type="submit" disabled={login.busy}>
            {login.busy ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
      </Page>
    </AuthFrame>
  );
}
