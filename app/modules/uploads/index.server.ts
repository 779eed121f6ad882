export { uploads, uploadKeyPattern, diskStorage, type UploadStorage } from "./storage.server";
export { processPhoto, sniffImageType, photoMaxBytes, photoTypes, type PhotoResult } from "./images.server";
