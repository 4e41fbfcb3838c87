// Starts Swagger UI on /api/docs; a file of its own because the Content-Security-Policy allows no inline script.
window.addEventListener("load", () => {
  window.ui = window.SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#reference",
    deepLinking: true,
    // Nearly 200 operations: show the resources first, each opened on demand.
    docExpansion: "none",
    filter: true,
    // No badge from validator.swagger.io: nothing leaves this server.
    validatorUrl: null,
    // Cookie-signed-in calls from "Try it out" need the session's CSRF token on unsafe methods.
    requestInterceptor: (request) => {
      const token = window.sessionStorage.getItem("siar-csrf");
      if (token) request.headers["X-CSRF-Token"] = token;
      return request;
    },
  });
  fetch("/api/auth/session?optional=true", { credentials: "same-origin" })
    .then((response) => (response.status === 200 ? response.json() : null))
    .then((session) => {
      if (session?.csrfToken) window.sessionStorage.setItem("siar-csrf", session.csrfToken);
    })
    .catch(() => {});
});
