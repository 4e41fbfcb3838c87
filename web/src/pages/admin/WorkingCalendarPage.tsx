import { useState } from "react";
import type { CalendarChange, CalendarYear } from "@web/api/types";
import { api, fieldErrorsOf } from "@web/api/client";
import { ErrorAlert } from "@web/components/Alerts";
import { SelectField, TextField } from "@web/components/Field";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { type MessageKey, useI18n } from "@web/i18n";

type Day = CalendarYear["days"][number];
const KINDS = ["libur_nasional", "cuti_bersama", "libur_daerah", "penutupan_kantor"] as const;
const KIND_LABELS: Record<Day["kind"], MessageKey> = {
  libur_nasional: "workingCalendar.kind.libur_nasional",
  cuti_bersama: "workingCalendar.kind.cuti_bersama",
  libur_daerah: "workingCalendar.kind.libur_daerah",
  penutupan_kantor: "workingCalendar.kind.penutupan_kantor",
};
const ORIGIN_LABELS: Record<Day["origin"], MessageKey> = {
  package: "workingCalendar.origin.package",
  shipped: "workingCalendar.origin.shipped",
  admin: "workingCalendar.origin.admin",
};

/** The working calendar of any year: days off with their source; add, move or remove one with its decree. */
export function WorkingCalendarPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  const calendar = useLoad(() => api.get<CalendarYear>(`/working-calendar/${year}`), [year]);
  const [action, setAction] = useState<"add" | "move" | "remove" | "confirm">("add");
  const [date, setDate] = useState("");
  const [to, setTo] = useState("");
  const [kind, setKind] = useState<(typeof KINDS)[number]>("cuti_bersama");
  const [name, setName] = useState("");
  const [decree, setDecree] = useState("");
  const [moved, setMoved] = useState<CalendarChange["moved"] | null>(null);
  const save = useAction(async () => {
    const body =
      action === "add"
        ? { date, kind, name, decree }
        : action === "move"
          ? { from: date, to, decree }
          : action === "remove"
            ? { date, decree }
            : { decree };
    const path = {
      add: "/working-calendar/days",
      move: "/working-calendar/days/move",
      remove: "/working-calendar/days/remove",
      confirm: `/working-calendar/${year}/confirm`,
    }[action];
    const result = await api.post<CalendarChange>(path, body);
    setMoved(result.moved);
    calendar.reload();
  });
  const errors = fieldErrorsOf(save.error);
  const data = calendar.data;

  return (
    <Page title={t("admin.workingCalendar")}>
      <p>{t("workingCalendar.intro")}</p>
      <TextField
        label={t("workingCalendar.year")}
        type="number"
        min={2000}
        max={2100}
        value={String(year)}
        onChange={(e) => Number(e.target.value) >= 2000 && setYear(Number(e.target.value))}
      />
      <ErrorAlert error={calendar.error} />
      {data && (
        <>
          <p className={data.estimated ? "alert alert--info" : "muted"} data-testid="calendar-status">
            {data.estimated
              ? t("workingCalendar.estimated", { year: data.year })
              : data.confirmation
                ? t("workingCalendar.confirmedBy", { decree: data.confirmation.decree })
                : t("workingCalendar.shipped")}
          </p>
          <table className="table" data-testid="calendar-days">
            <thead>
              <tr>
                <th>{t("workingCalendar.date")}</th>
                <th>{t("workingCalendar.kindLabel")}</th>
                <th>{t("workingCalendar.name")}</th>
                <th>{t("workingCalendar.source")}</th>
              </tr>
            </thead>
            <tbody>
              {data.days.map((day) => (
                <tr key={day.date} data-testid={`calendar-day-${day.date}`}>
                  <td>{day.date}</td>
                  <td>{t(KIND_LABELS[day.kind])}</td>
                  <td>{day.name}</td>
                  <td>
                    {t(ORIGIN_LABELS[day.origin])}
                    {day.source && <span className="muted"> · {day.source}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.removed.length > 0 && (
            <p className="muted">
              {t("workingCalendar.removed")} {data.removed.map((row) => `${row.date} (${row.decree})`).join("; ")}
            </p>
          )}
        </>
      )}
      <h2>{t("workingCalendar.change")}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save.run();
        }}
      >
        <SelectField
          label={t("workingCalendar.action")}
          value={action}
          onChange={(e) => setAction(e.target.value as typeof action)}
        >
          <option value="add">{t("workingCalendar.action.add")}</option>
          <option value="move">{t("workingCalendar.action.move")}</option>
          <option value="remove">{t("workingCalendar.action.remove")}</option>
          <option value="confirm">{t("workingCalendar.action.confirm", { year })}</option>
        </SelectField>
        {action !== "confirm" && (
          <TextField
            label={t(action === "move" ? "workingCalendar.from" : "workingCalendar.date")}
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={errors.date ?? errors.from}
          />
        )}
        {action === "move" && (
          <TextField
            label={t("workingCalendar.to")}
            type="date"
            required
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={errors.to}
          />
        )}
        {action === "add" && (
          <>
            <SelectField
              label={t("workingCalendar.kindLabel")}
              value={kind}
              onChange={(e) => setKind(e.target.value as typeof kind)}
            >
              {KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(KIND_LABELS[value])}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t("workingCalendar.name")}
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={errors.name}
            />
          </>
        )}
        <TextField
          label={t("workingCalendar.decree")}
          hint={t("workingCalendar.decreeHint")}
          required
          value={decree}
          onChange={(e) => setDecree(e.target.value)}
          error={errors.decree}
        />
        <ErrorAlert error={save.error} />
        {moved && (
          <p className="alert alert--info" role="status" data-testid="calendar-moved">
            {t("workingCalendar.moved", {
              inbox: moved.inboxItems,
              requests: moved.ppidRequests,
              objections: moved.ppidObjections,
            })}
          </p>
        )}
        <button type="submit" className="button" disabled={save.busy}>
          {t("common.save")}
        </button>
      </form>
    </Page>
  );
}
