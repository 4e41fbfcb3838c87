import { useEffect, type ReactNode } from "react";
import { setPageTitle } from "@web/tabTitle";

/** A page's heading, also used as the document title so tabs and history read well. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    setPageTitle(title);
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
