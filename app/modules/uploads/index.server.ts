export { uploads, uploadKeyPattern, diskStorage, type UploadStorage } from "./storage.server";
export { processPhoto, sniffImageType, type PhotoResult } from "./images.server";
export { photoMaxBytes, photoTypes } from "./limits";
