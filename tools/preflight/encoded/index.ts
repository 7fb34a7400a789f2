// Rules for the azure-native types ../shared/schemas/azure has no excerpt of,
// encoded by hand from Microsoft's published REST API definitions
// (Azure/azure-rest-api-specs) at the API version @pulumi/azure-native 3.28.0
// uses for each type (the "Uses Azure REST API version" line of the SDK's
// declaration). Each excerpt is one upstream file: its `source` names the
// repository path and the commit read, and a comment beside each rule says
// where in that file it is. They are written in the excerpts' own shape so the
// preflight and the plan diff read them as they read the shared excerpts;
// a definition that lists only the properties read is marked
// `x-excerpt-note` (open: keys it does not list are not reported unknown).
import { Excerpt } from "../restExcerpt";
import { excerpts as appIdentity } from "./appIdentity";
import { commonTypesExcerpts } from "./commonTypes";
import { excerpts as dataMonitoring } from "./dataMonitoring";
import { excerpts as network } from "./network";

/** File name (as `$ref`s name it) → the encoded excerpt. */
export const encodedExcerpts: Record<string, Excerpt> = { ...commonTypesExcerpts, ...network, ...appIdentity, ...dataMonitoring };
