import type { LinksFunction } from "@remix-run/node";
import publicLoopStyles from "~/styles/you-said-we-did.css";

/** The public You Said, We Did pages' own stylesheet (entries, filters' layout, the noticeboard print), after the root's base.css. */
export const publicLoopLinks: LinksFunction = () => [{ rel: "stylesheet", href: publicLoopStyles }];
