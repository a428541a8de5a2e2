package io.github.camelaliyun.vod.aijob;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Placeholder until the producer's operations land: fails every exchange with a message saying so. */
public class VodAiJobProducer extends DefaultProducer {

    public VodAiJobProducer(VodAiJobEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().getClient();
    }

    @Override
    public VodAiJobEndpoint getEndpoint() {
        return (VodAiJobEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        throw new UnsupportedOperationException("The aivod-aijob producer operations are not implemented yet in this"
                                                + " version; use VodAiJobEndpoint.getClient() meanwhile");
    }
}
