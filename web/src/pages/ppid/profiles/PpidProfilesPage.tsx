import { Link } from "react-router-dom";
import { ListTable, loadedList } from "@web/components/ListTable";
import { Page } from "@web/components/Page";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { ppidProfileApi } from "./api";

/** The PPID units the person may read, each with whether its public profile is written. */
export function PpidProfilesPage() {
  const { t, formatDateTime } = useI18n();
  const profiles = useLoad(ppidProfileApi.list, []);
  return (
    <Page title={t("ppid.profiles")}>
      <p>{t("ppid.profilesIntro")}</p>
      <ListTable
        list={loadedList({ ...profiles, data: profiles.data?.map((entry) => ({ ...entry, id: entry.unit.id })) })}
        caption={t("ppid.profiles")}
        emptyText={t("ppid.noPpidUnits")}
        columns={[t("dip.unit"), t("ppid.level"), t("ppid.profileUpdated"), t("ppid.publicPage")]}
        row={(entry) => (
          <tr>
            <th scope="row">
              <Link to={`/ppid/profiles/${entry.unit.id}`}>{entry.unit.name}</Link>
            </th>
            <td>{t(entry.unit.ppidLevel === "utama" ? "ppid.level.utama" : "ppid.level.pelaksana")}</td>
            <td>
              {entry.profile ? (
                <time dateTime={entry.profile.updatedAt}>{formatDateTime(entry.profile.updatedAt)}</time>
              ) : (
                t("ppid.notWritten")
              )}
            </td>
            <td>
              <a href={entry.publicUrl} target="_blank" rel="noopener">
                {entry.publicUrl}
              </a>
            </td>
          </tr>
        )}
      />
    </Page>
  );
}
