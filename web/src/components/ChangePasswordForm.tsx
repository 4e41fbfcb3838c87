import { useState, type FormEvent } from "react";
import { api, fieldErrorsOf } from "../api/client";
import { useAction } from "../hooks/useAction";
import { useI18n } from "../i18n";
import { ErrorAlert } from "./Alerts";
import { TextField } from "./Field";

const MIN_PASSWORD_LENGTH = 10;

/** Current + new + confirmation; the server enforces the rule, the form only checks the two new ones match. */
export function ChangePasswordForm({ onChanged }: { onChanged(): void }) {
  const { t } = useI18n();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const change = useAction(async (body: { currentPassword: string; newPassword: string }) => {
    await api.post<void>("/auth/password", body);
    return true;
  });
  const errors = fieldErrorsOf(change.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMismatch(newPassword !== confirmation);
    if (newPassword !== confirmation) return;
    if (!(await change.run({ currentPassword, newPassword }))) return;
    setCurrentPassword("");
    setNewPassword("");
    setConfirmation("");
    onChanged();
  };

  return (
    <form onSubmit={submit} className="form">
      <TextField
        label={t("password.current")}
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        error={errors.currentPassword}
      />
      <TextField
        label={t("password.new")}
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={t("password.rule", { min: MIN_PASSWORD_LENGTH })}
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        error={errors.newPassword}
      />
      <TextField
        label={t("password.confirm")}
        type="password"
        autoComplete="new-password"
        required
        value={confirmation}
        onChange={(e) => setConfirmation(e.target.value)}
        error={mismatch ? t("password.mismatch") : undefined}
      />
      <ErrorAlert error={change.error} />
      <button type="submit" disabled={change.busy}>
        {t("password.submit")}
      </button>
    </form>
  );
}
