// The document title: the page's name, after the unread notification count when there is one,
// so a background tab shows that something is waiting.

let pageTitle = "Siar";
let unread = 0;

const render = () => {
  document.title = `${unread > 0 ? `(${unread > 99 ? "99+" : unread}) ` : ""}${pageTitle}`;
};

export function setPageTitle(title: string) {
  pageTitle = `${title} · Siar`;
  render();
}

export function setUnreadInTitle(count: number) {
  unread = count;
  render();
}
