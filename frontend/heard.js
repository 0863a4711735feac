// Heard's script: start GOV.UK Frontend's components. The page works without it (progressive enhancement).
// GOV.UK Frontend only enhances components inside <body class="govuk-frontend-supported">. Its template sets
// that class with an inline <script>; Heard's Content Security Policy forbids inline scripts, so it is set
// here. A browser that runs this module supports ES modules, which is exactly what "supported" means.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
// Every data-module component on the page, among them the service navigation's "Menu" button
// (includes/navigation.html), which folds the navigation on narrow screens.
initAll();
