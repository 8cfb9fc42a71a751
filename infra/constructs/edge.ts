import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { seedUrlRewritePath } from '../../lib/edge/seed-url-rewrite.js';
import { readSettings } from '../settings.js';

export interface FieldbookEdgeProps {
  httpApi: IHttpApi;
  comment?: string;
  /** Header CloudFront adds to every request to the API, proving it came through the edge (./origin-verify.ts). */
  originVerify?: { header: string; value: string };
  /** ARN of a WAF WebACL of scope CLOUDFRONT (./web-acl.ts). */
  webAclArn?: string;
}

/**
 * CloudFront in front of the HTTP API. Its only job is the seed-000 URLs: API
 * Gateway cannot route on query strings, so a viewer-request CloudFront
 * Function rewrites `?id=…&locations=1…` to REST paths — the very file the
 * local server runs. Nothing is cached (every response depends on the API key),
 * and every viewer header but Host reaches the API (X-API-Key; API Gateway
 * needs its own Host).
 *
 * Also: the WebACL in front of it, the secret origin header, and standard
 * access logs to a private bucket whose objects expire after the configured days.
 */
export class FieldbookEdge extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly seedUrlRewrite: cloudfront.Function;
  /** CloudFront access logs (prefix `cloudfront/`); other logs of the stack's buckets may go here too. */
  readonly logBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: FieldbookEdgeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const settings = readSettings(this.node);

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront's standard logging supports SSE-S3, not SSE-KMS.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront delivers standard logs through an ACL grant to its log-delivery account.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(settings.accessLogExpirationDays), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // Audit evidence outlives the stack; the lifecycle rule still empties it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself: logging its own accesses into itself would log the log deliveries, without end.',
    });

    this.seedUrlRewrite = new cloudfront.Function(this, 'SeedUrlRewrite', {
      comment: 'Seed-000 query-string URLs to REST paths',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromFile({ filePath: seedUrlRewritePath }),
    });

    // The execute-api host of the API ($default stage, so no origin path).
    const apiDomain = `${props.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: props.comment ?? 'Fieldbook API',
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: new origins.HttpOrigin(apiDomain, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          ...(props.originVerify ? { customHeaders: { [props.originVerify.header]: props.originVerify.value } } : {}),
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: true,
        functionAssociations: [
          { function: this.seedUrlRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'No custom domain yet: on the default *.cloudfront.net certificate CloudFront fixes the viewer security policy and ignores a minimum protocol. Adding a domain and certificate sets TLSv1.2_2021 (docs/infra.md). The origin leg is TLS 1.2 only.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: integrators call the API from wherever their servers run, and the data is per-tenant behind API keys; a WAF geo-match rule can be added per deployment if a customer requires it.',
    });
  }

  /** https://…cloudfront.net */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
