import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_IMPORT_BYTES } from "~/models/spreadsheet.server";
import { DomainError } from "~/utils/errors";

/** Reads a multipart form with one uploaded file, refusing files over the import limit. */
export async function readUpload(request: Request, field = "file") {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new DomainError("import.tooLarge", 422);
    // A body that is not the multipart form it claims to be: the sender's mistake, not ours.
    throw data({ code: "error.badRequest" }, { status: 400 });
  }
  const file = form.get(field);
  if (!(file instanceof File) || file.size === 0) throw new DomainError("import.noFile", 422);
  return { form, bytes: new Uint8Array(await file.arrayBuffer()) };
}
