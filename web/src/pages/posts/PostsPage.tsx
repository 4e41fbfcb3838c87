import { Link } from "react-router-dom";
import { POST_STATUSES, type Post } from "@web/api/types";
import { FilterForm, FilterSelect } from "@web/components/FilterForm";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { POST_STATUS_LABELS } from "@web/components/labels";
import { ListTable } from "@web/components/ListTable";
import { NavList } from "@web/components/NavList";
import { Page } from "@web/components/Page";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useCursorList } from "@web/hooks/useCursorList";
import { useFilters } from "@web/hooks/useFilters";
import { useLivePosts } from "@web/hooks/useLivePosts";
import { useI18n } from "@web/i18n";
import { COMPOSE, POSTS_ALL, POSTS_REVIEW } from "@web/navigation";
import { useSignedIn } from "@web/session/SessionProvider";
import { UnitOptions } from "@web/pages/admin/components/UnitOptions";
import { DeliveryChips, PostStatusBadge } from "./components/StatusBadges";
import { usePostTime } from "./hooks/usePostTime";

const PAGE_SIZE = 50;

/** Every post the user may see, or (`awaitingApproval`) those in review, for leaders. */
export function PostsPage({ awaitingApproval = false }: { awaitingApproval?: boolean }) {
  const { t } = useI18n();
  const { abilities } = useSignedIn();
  const filters = useFilters({ status: "", unitId: "" });
  const units = useAllUnits();
  const query = awaitingApproval ? { ...filters.applied, status: "in_review" } : filters.applied;
  const list = useCursorList<Post>("/posts", { ...query, limit: PAGE_SIZE });
  const { posts } = useLivePosts(list.items);
  const postTime = usePostTime();
  const title = t(awaitingApproval ? "posts.needsApproval" : "nav.posts");
  const newPost = COMPOSE.allowed(abilities) && (
    <Link className="button" to={COMPOSE.path}>
      {t("posts.new")}
    </Link>
  );

  return (
    <Page title={title} actions={newPost}>
      <NavList label={t("posts.views")} className="sub-nav" sections={[POSTS_ALL, POSTS_REVIEW]} />
      <FilterForm label={t("posts.filters")} onApply={filters.apply} onReset={filters.reset}>
        {!awaitingApproval && (
          <FilterSelect label={t("common.status")} {...filters.field("status")}>
            <LabelledOptions values={POST_STATUSES} labels={POST_STATUS_LABELS} />
          </FilterSelect>
        )}
        <FilterSelect label={t("posts.unit")} {...filters.field("unitId")}>
          <UnitOptions units={units.data ?? []} />
        </FilterSelect>
      </FilterForm>
      <ListTable
        list={{ ...list, items: posts }}
        caption={title}
        emptyText={t(awaitingApproval ? "posts.noneAwaitingApproval" : "posts.none")}
        columns={[t("posts.postTitle"), t("posts.unit"), t("common.status"), t("posts.time"), t("posts.channels")]}
        row={(post) => (
          <tr>
            <th scope="row">
              <Link to={`/posts/${post.id}`}>{post.title}</Link>
            </th>
            <td>{post.unit.name}</td>
            <td>
              <PostStatusBadge status={post.status} />
            </td>
            <td>{postTime(post)}</td>
            <td>
              <DeliveryChips deliveries={post.deliveries} />
            </td>
          </tr>
        )}
      />
    </Page>
  );
}
