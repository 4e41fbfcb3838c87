import { useEffect, type ReactNode } from "react";

/** A page's heading, also used as the document title so tabs and history read well. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Siar`;
  }, [title]);
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        {actions}
      </div>
      {children}
    </>
  );
}
