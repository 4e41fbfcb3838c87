import { useState, type FormEvent } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { ErrorAlert } from "./Alerts";
import { TextField, type TextFieldProps } from "./Field";

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
      <PasswordField
        label={t("password.current")}
        autoComplete="current-password"
        value={currentPassword}
        onValue={setCurrentPassword}
        error={errors.currentPassword}
      />
      <PasswordField
        label={t("password.new")}
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        hint={t("password.rule", { min: MIN_PASSWORD_LENGTH })}
        value={newPassword}
        onValue={setNewPassword}
        error={errors.newPassword}
      />
      <PasswordField
        label={t("password.confirm")}
        autoComplete="new-password"
        value={confirmation}
        onValue={setConfirmation}
        error={mismatch ? t("password.mismatch") : undefined}
      />
      <ErrorAlert error={change.error} />
      <button type="submit" disabled={change.busy}>
        {t("password.submit")}
      </button>
    </form>
  );
}

type PasswordFieldProps = {
  label: string;
  autoComplete: "current-password" | "new-password";
  value: string;
  onValue(value: string): void;
} & Pick<TextFieldProps, "error" | "hint" | "minLength">;

function PasswordField({ onValue, ...field }: PasswordFieldProps) {
  return <TextField type="password" required onChange={(e) => onValue(e.target.value)} {...field} />;
}
