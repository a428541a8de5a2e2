package io.github.camelaliyun.vod.emulator;

/** An error reply as the service sends it: an HTTP status and a {@code {RequestId, HostId, Code, Message, Recommend}} body. */
record ApiError(int httpStatus, String code, String message) {

    static ApiError throttled() {
        return new ApiError(503, "Throttling.User", "Request was denied due to user flow control.");
    }

    static ApiError internalError() {
        return new ApiError(500, "InternalError", "The request processing has failed due to some unknown error.");
    }

    static ApiError missingParameter(String name) {
        return new ApiError(400, "MissingParameter",
                "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied.");
    }

    static ApiError accessKeyNotFound() {
        return new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }

    static ApiError signatureMismatch(String serverStringToSign) {
        return new ApiError(400, "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation. server string to sign is:" + serverStringToSign);
    }

    static ApiError incompleteSignature(String why) {
        return new ApiError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards. "
                                                        + why);
    }

    static ApiError timestampExpired(String value) {
        return new ApiError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired. (" + value
                                                              + ")");
    }

    static ApiError timestampFormat(String value) {
        return new ApiError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted. ("
                                                             + value + ")");
    }

    static ApiError nonceUsed() {
        return new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }

    static ApiError securityTokenMismatch() {
        return new ApiError(400, "InvalidSecurityToken.MismatchWithAccessKey",
                "The security token you provided does not match the access key.");
    }

    static ApiError securityTokenExpired() {
        return new ApiError(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
    }

    static ApiError unknownAction(String action) {
        return new ApiError(404, "InvalidAction.NotFound",
                "Specified api '" + action + "' is not found, please check your url and method.");
    }

    static ApiError invalidParameter(String message) {
        return new ApiError(400, "InvalidParameter", message);
    }
}
