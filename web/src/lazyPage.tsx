import { type ComponentType, lazy, Suspense } from "react";
import { useI18n } from "./i18n";

function Loading() {
  const { t } = useI18n();
  return <p role="status">{t("common.loading")}</p>;
}

/**
 * A page whose code (and the libraries only it uses) loads when its route first opens, in a
 * chunk of its own: the first screen downloads only what it shows.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() })) as unknown as ComponentType<P>;
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page at module load, never while rendering
  return function LazyPage(props: P) {
    return (
      <Suspense fallback={<Loading />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
