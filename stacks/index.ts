// Entry point: read the stack's typed config, then build the region.
import { loadStackConfig } from "./config";
import { deployRegion } from "./region";

export = async () => deployRegion(await loadStackConfig());
