import { Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { seedUrlRewritePath } from '../../lib/edge/seed-url-rewrite.js';

export interface FieldbookEdgeProps {
  httpApi: IHttpApi;
  comment?: string;
}

/**
 * CloudFront in front of the HTTP API. Its only job is the seed-000 URLs: API
 * Gateway cannot route on query strings, so a viewer-request CloudFront
 * Function rewrites `?id=…&locations=1…` to REST paths — the very file the
 * local server runs. Nothing is cached (every response depends on the API key),
 * and every viewer header but Host reaches the API (X-API-Key; API Gateway
 * needs its own Host).
 */
export class FieldbookEdge extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly seedUrlRewrite: cloudfront.Function;

  constructor(scope: Construct, id: string, props: FieldbookEdgeProps) {
    super(scope, id);
    const stack = Stack.of(this);

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
    });
  }

  /** https://…cloudfront.net */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
