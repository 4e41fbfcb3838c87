import { Link } from "react-router-dom";
import type { DipItem } from "@web/api/types";
import { TextField } from "@web/components/Field";
import { FilterForm, FilterSelect } from "@web/components/FilterForm";
import { ListTable } from "@web/components/ListTable";
import { Page } from "@web/components/Page";
import { useCursorList } from "@web/hooks/useCursorList";
import { useFilters } from "@web/hooks/useFilters";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";
import { UnitOptions } from "@web/pages/admin/components/UnitOptions";
import { dipApi } from "./api";
import { DipClassBadge, DipStatusBadge } from "./components/DipBadges";
import { bodyLabel, classLabel, DIP_CLASSES } from "./labels";
import { useDipUnits } from "./useDipUnits";

const PAGE_SIZE = 50;
const EMPTY_FILTERS = { q: "", unitId: "", class: "", year: "", status: "" };
const STATUSES = ["draft", "published", "withdrawn"] as const;

/** The DIP entries of the person's scope, newest change first, with search, filters and exports. */
export function DipListPage() {
  const { t, language, formatDateTime } = useI18n();
  const { abilities } = useSignedIn();
  const filters = useFilters(EMPTY_FILTERS);
  const list = useCursorList<DipItem>("/dip-items", { ...filters.applied, limit: PAGE_SIZE });
  const units = useDipUnits();
  const add = abilities.editDip && (
    <Link className="button" to="/ppid/dip/new" data-testid="dip-new">
      {t("dip.new")}
    </Link>
  );

  return (
    <Page title={t("dip.title")} actions={add}>
      <FilterForm label={t("dip.filters")} onApply={filters.apply} onReset={filters.reset}>
        <TextField label={t("dip.search")} type="search" maxLength={200} {...filters.field("q")} />
        <FilterSelect label={t("dip.unit")} {...filters.field("unitId")}>
          <UnitOptions units={units.data ?? []} />
        </FilterSelect>
        <FilterSelect label={t("dip.class")} {...filters.field("class")}>
          {DIP_CLASSES.map((code) => (
            <option key={code} value={code}>
              {classLabel(code, language)}
            </option>
          ))}
        </FilterSelect>
        <TextField label={t("dip.year")} type="number" min={2000} max={2099} {...filters.field("year")} />
        <FilterSelect label={t("common.status")} {...filters.field("status")}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`dip.status.${status}`)}
            </option>
          ))}
        </FilterSelect>
      </FilterForm>
      <p className="row-actions">
        <a href={dipApi.exportUrl("csv", filters.applied)} download>
          {t("dip.exportCsv")}
        </a>
        <a href={dipApi.exportUrl("json", filters.applied)} download>
          {t("dip.exportJson")}
        </a>
      </p>
      <ListTable
        list={list}
        caption={t("dip.title")}
        emptyText={t("dip.none")}
        columns={[
          t("dip.titleField"),
          t("dip.unit"),
          t("dip.class"),
          t("dip.year"),
          t("common.status"),
          t("dip.updated"),
        ]}
        row={(item) => (
          <tr>
            <th scope="row">
              <Link to={`/ppid/dip/${item.id}`}>{item.title}</Link>
              <div className="muted">
                {t("dip.filesCount", { count: item.files.filter((file) => !file.removedAt).length })}
              </div>
            </th>
            <td>
              {item.unit.name}
              {item.body && <div className="muted">{bodyLabel(item.body, language)}</div>}
            </td>
            <td>
              <DipClassBadge item={item} />
            </td>
            <td>{item.year}</td>
            <td>
              <DipStatusBadge item={item} />
            </td>
            <td>
              <time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt)}</time>
            </td>
          </tr>
        )}
      />
    </Page>
  );
}
