import { AwsV4Signer } from 'aws4fetch';

/** AWS credentials: an access key pair, and a session token for temporary (STS, role) credentials. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What `signAwsRequest` signs. */
export interface AwsRequestToSign {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly credentials: AwsCredentials;
  readonly service: string;
  readonly region: string;
  /** `YYYYMMDDTHHMMSSZ`; default now. Given only to check a signature. */
  readonly datetime?: string;
}

/**
 * Signs a request with AWS Signature Version 4 (`aws4fetch`), with the service and region always given:
 * guessed from a custom endpoint's host they would put a wrong scope in the signature. Returns the headers to
 * send (`authorization`, `x-amz-date`, `x-amz-security-token` with a session token, and those given).
 */
export async function signAwsRequest(request: AwsRequestToSign): Promise<Headers> {
  const { accessKeyId, secretAccessKey, sessionToken } = request.credentials;
  const signer = new AwsV4Signer({
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    service: request.service,
    region: request.region,
    // Every header given is signed (content-type and x-amz-target too), as AWS's test suite does.
    allHeaders: true,
    ...(request.datetime ? { datetime: request.datetime } : {}),
  });
  return (await signer.sign()).headers;
}
