/** A CSS file imported with `?inline`: its text, minified by the build. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
