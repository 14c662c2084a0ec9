// The whole site is static: every route is rendered at build time.
export const prerender = true;
export const ssr = true;
